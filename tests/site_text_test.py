"""The sanitising renderer and the name escape: what free text and names may become on a page."""

from __future__ import annotations

import html
from html.parser import HTMLParser

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ftgitops.site.plugin import REQUIRED_EXTENSIONS
from ftgitops.site.text import Renderer, name, plain

REL = 'rel="nofollow noopener noreferrer"'


@pytest.fixture(scope="module")
def render() -> Renderer:
    return Renderer()


def site_markdown(text: str) -> str:
    """The text as MkDocs' own Markdown (with the plugin's extensions) turns it into HTML."""
    return markdown.markdown(text, extensions=list(REQUIRED_EXTENSIONS))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, tuple[str, ...]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, tuple(sorted(a for a, _ in attrs))))


def tags(page: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each element of the HTML with the names of its attributes."""
    parser = _Tags()
    parser.feed(page)
    return parser.found


def test_markdown_becomes_the_allowed_tags(render: Renderer) -> None:
    text = "A *b* **c** `d`  \nnext\n\n- one\n- two\n\n3. x\n\n> q\n\n---\n\n    pre"
    assert render.html(text) == (
        "<p>A <em>b</em> <strong>c</strong> <code>d</code><br>&#10;next</p>&#10;"
        "<ul>&#10;<li>one</li>&#10;<li>two</li>&#10;</ul>&#10;"
        '<ol start="3">&#10;<li>x</li>&#10;</ol>&#10;'
        "<blockquote>&#10;<p>q</p>&#10;</blockquote>&#10;<hr>&#10;<pre><code>pre&#10;</code></pre>"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"),
        ('"><svg onload=alert(1)>', '"&gt;&lt;svg onload=alert(1)&gt;'),
        ("<b>bold</b> &amp; &#x3C;i&#x3E;", "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;"),
        ("<!-- hidden -->", "&lt;!-- hidden --&gt;"),
    ],
)
def test_raw_html_is_shown_as_text(render: Renderer, text: str, shown: str) -> None:
    assert render.html(text) == f"<p>{shown}</p>"


def test_headings_and_images_keep_only_their_text(render: Renderer) -> None:
    assert render.html("# Head\n\n![alt](https://elsewhere.example/x.png) after") == (
        "Head&#10;<p> after</p>"
    )


@pytest.mark.parametrize(
    "text",
    [
        "Hello\n{: tabindex=0 autofocus onfocus=alert(1) }",
        "*x*{onmouseover=alert(1)}",
        "# Title {: onclick=alert(1) }",
    ],
)
def test_attribute_lists_stay_text_even_through_the_site_markdown(
    render: Renderer, text: str
) -> None:
    block = render.block(text)
    assert "{" not in block and "&#123;" in block
    assert all(attrs in ((), ("class",)) for _, attrs in tags(block))
    # What the page's own Markdown (attr_list on) makes of the block: the same, untouched.
    page = site_markdown(f"Before\n\n{block}\n\nAfter")
    assert page.startswith(f"<p>Before</p>\n{block}\n") and page.endswith("\n<p>After</p>")


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](jav&#x61;script:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "[x](vbscript:msgbox)",
        "[x][r]\n\n[r]: javascript:alert(1)",
        '[x][r]\n\n[r]: javascript:alert(1) "title"',
        "[x](/relative/path)",
        "[x](//elsewhere.example/)",
        "[x](#fragment)",
    ],
)
def test_a_link_to_anything_but_http_https_or_mailto_becomes_its_text(
    render: Renderer, text: str
) -> None:
    assert render.html(text) == "<p>x</p>"


@pytest.mark.parametrize(
    ("text", "href"),
    [
        ("[x](https://a.example/p?q=1&r=2)", "https://a.example/p?q=1&amp;r=2"),
        ("[x](http://a.example/~u_v)", "http://a.example/&#126;u&#95;v"),
        ("[x][r]\n\n[r]: mailto:ops@example.com", "mailto:ops@example.com"),
        ("<https://a.example/>", "https://a.example/"),
    ],
)
def test_http_https_and_mailto_links_are_kept(render: Renderer, text: str, href: str) -> None:
    shown = render.html(text)
    assert f'<a href="{href}" {REL}>' in shown
    assert html.unescape(href) == html.unescape(shown.split('href="')[1].split('"')[0])


def test_reference_definitions_do_not_leak_from_one_text_to_the_next(render: Renderer) -> None:
    render.html("[r]: https://a.example/")
    assert render.html("[x][r]") == "<p>[x][r]</p>".replace("[", "&#91;").replace("]", "&#93;")


def test_a_block_is_one_line_in_its_own_div(render: Renderer) -> None:
    block = render.block("one\n\n\ntwo\n\n    three\n\n    four")
    assert "\n" not in block
    assert block.startswith('<div class="ft-text"><p>one</p>') and block.endswith("</div>")
    assert render.items(["a *b*", "<c>"]) == (
        '<div class="ft-text"><ul><li><p>a <em>b</em></p></li><li><p>&lt;c&gt;</p></li></ul></div>'
    )


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        (
            "<img src=x onerror=alert(1)>",
            "&lt;img src=x onerror=alert(1)&gt;",
        ),
        ('"><svg onload=alert(1)>', "&quot;&gt;&lt;svg onload=alert(1)&gt;"),
        ("It's *x*{onclick=y}", "It&#x27;s &#42;x&#42;&#123;onclick=y&#125;"),
        (
            "[x](javascript:y) | _z_ `c` \\",
            "&#91;x&#93;(javascript:y) &#124; &#95;z&#95; &#96;c&#96; &#92;",
        ),
        ("A\n{: autofocus onfocus=alert(1) }", "A &#123;: autofocus onfocus=alert(1) &#125;"),
        ("# heading", "&#35; heading"),
        ("- item", "&#45; item"),
        ("12. item", "12&#46; item"),
        ("Plain name: 2026.10", "Plain name: 2026.10"),
    ],
)
def test_a_name_is_one_line_with_every_syntax_character_a_reference(
    text: str, escaped: str
) -> None:
    assert name(text) == escaped
    assert html.unescape(escaped) == " ".join(text.split())


@pytest.mark.parametrize(
    "wrap",
    [
        "## {} {{#anchor}}",
        "| {} | b |\n| --- | --- |\n| {} | d |",
        "- [{}](page.md)",
        '<span title="{}">{}</span>',
        "Text {} more",
    ],
)
def test_a_name_stays_text_in_every_markdown_and_html_context(wrap: str) -> None:
    hostile = "<img src=x onerror=alert(1)> *a*{onmouseover=alert(1)} [l](javascript:x) | `c`"
    page = site_markdown(wrap.replace("{}", name(hostile)).replace("{{", "{").replace("}}", "}"))
    found = tags(page)
    assert {tag for tag, _ in found} <= {
        "h2",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "ul",
        "li",
        "a",
        "p",
        "span",
    }
    assert {attr for _, attrs in found for attr in attrs} <= {"id", "href", "title"}
    assert 'href="page.md"' in page or "href" not in page
    assert " ".join(hostile.split()) in html.unescape(page)


def test_plain_keeps_lines_and_escapes_html_only() -> None:
    assert plain("a <b> & 'c'\r\n\nd_e") == "a &lt;b&gt; &amp; &#x27;c&#x27;&#10;&#10;d_e"


# Letters, digits and every kind of character the fast path must turn down or let through.
ALPHABET = "aZé9 \n\t.,;:'\"?!()/%@-_*`#>+=[]{}|~^$<&\\"


PLAIN = "aZ9 .,;:'\"?!()/%@-"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=40) | st.text(alphabet=PLAIN).map("a".__add__))
def test_the_fast_path_for_plain_lines_renders_what_the_converter_would(text: str) -> None:
    render = Renderer()
    assert render.html(text) == render.converted(text.strip())


@pytest.mark.parametrize(
    "text", ["We are investigating.", "Fixed: the queue (again), 100% done!", "see https://a.b/c"]
)
def test_a_plain_line_is_one_paragraph_of_itself(render: Renderer, text: str) -> None:
    assert render.html(f"  {text}\n") == f"<p>{text}</p>" == render.converted(text)
