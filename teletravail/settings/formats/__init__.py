"""Date formats per language, over Django's own (FORMAT_MODULE_PATH): English pages write the day before the month,
as the French ones do and as the templates' short dates (« d/m/Y ») do, so that one page never mixes « 06/12/2027 »
and « 12/06/2027 »."""
