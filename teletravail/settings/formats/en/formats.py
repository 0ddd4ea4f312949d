# British order, as in « 12 June 2027 »: Django's English default (« June 12, 2027 », « 06/12/2027 ») would put the
# month first next to the templates' day-first short dates.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
