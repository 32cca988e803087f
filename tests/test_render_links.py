import pytest

from macros.render.links import page_url, relative_url, wayback_lookup_url


@pytest.mark.parametrize(
    "src, directory_urls, url",
    [
        ("index.md", True, ""),
        ("timeline.md", True, "timeline/"),
        ("background/first-war.md", True, "background/first-war/"),
        ("background/index.md", True, "background/"),
        ("timeline.md", False, "timeline.html"),
    ],
)
def test_page_url_follows_mkdocs(src, directory_urls, url):
    assert page_url(src, directory_urls) == url


@pytest.mark.parametrize(
    "from_page, to, link",
    [
        ("", "timeline/#ceasefire", "timeline/#ceasefire"),
        ("timeline/", "people/#gov", "../people/#gov"),
        ("background/first-war/", "timeline/#x", "../../timeline/#x"),
        ("background/first-war/", "", "../../"),
        ("timeline/", "timeline/#x", "#x"),
        ("timeline/", "timeline/", "./"),
        ("timeline.html", "people.html#gov", "people.html#gov"),
        ("background/a.html", "timeline.html#x", "../timeline.html#x"),
    ],
)
def test_relative_urls_never_start_at_the_root(from_page, to, link):
    assert relative_url(from_page, to) == link
    assert not link.startswith("/")


def test_wayback_lookup_keeps_the_address_readable():
    assert wayback_lookup_url("https://a.example/x?id=1") == "https://web.archive.org/web/*/https://a.example/x?id=1"
    assert " " not in wayback_lookup_url("https://a.example/a b")
