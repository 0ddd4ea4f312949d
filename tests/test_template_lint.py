"""The templates pass the project's template linter (`make lint`), and each of its rules catches what it names."""

import pytest

from tests.template_lint import lint, lint_text, templates


def test_every_template_passes_the_linter():
    assert len(templates()) > 50
    assert lint(templates()) == []


@pytest.mark.parametrize(
    "source, rule",
    [
        ('<p style="color: red">x</p>', "no-inline-style"),
        ('<a href="#" onclick="go()">x</a>', "no-inline-handler"),
        ("<script>alert(1)</script>", "no-inline-script"),
        ('<img src="a.png">', "img-alt"),
        ("<table><caption>c</caption><tr><th>x</th><td><input></td></tr></table>", "th-scope"),
        ("<table><tr><th scope='col'>x</th><td><select></select></td></tr></table>", "table-caption"),
        ("<table><caption>c</caption><tr><th scope='row'>x</th><td>1</td></tr></table>", "table-include"),
        ("<button>Envoyer</button>", "button-type"),
        ('<a href="https://x" target="_blank">x</a>', "blank-noopener"),
        ("<p>{% translate 'Bonjour' %}</p>", "load-i18n"),
        ('<p>{{ seconds|floatformat:"0" }}</p>', "number-format"),
        ("<p>{{ count | intcomma }}</p>", "number-format"),
        ('<p>{{ share|stringformat:".1f" }}</p>', "number-format"),
    ],
)
def test_each_rule_catches_its_fault(source, rule):
    assert [found for _line, found, _message in lint_text(source)] == [rule]


def test_comments_and_correct_markup_pass_and_lines_are_counted():
    source = (
        "{% load i18n %}{% comment %}<p style='x'>{% endcomment %}\n"
        '<button type="button">{% translate "Ok" %}</button>\n'
        '<img src="a.png" alt="">\n<p style="x">'
    )
    assert lint_text(source) == [(4, "no-inline-style", lint_text('<p style="x">')[0][2])]
