def test_login_page_renders_in_indonesian(client, db):
    response = client.get("/login/")
    assert response.status_code == 200
    assert 'lang="id"' in response.content.decode()


def test_dashboard_requires_login(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_pages_are_indonesian_even_for_an_english_browser(client, db):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert "Masuk" in response.content.decode()


def test_the_language_switch_cookie_gives_english_pages(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    response = client.get("/login/")
    assert "Log in" in response.content.decode()


def test_api_errors_follow_accept_language(client, db):
    body = {"username": "nobody", "password": "x"}
    english = client.post("/api/v1/auth/token/", body, HTTP_ACCEPT_LANGUAGE="en")
    assert english.json() == {"detail": "Username or password is wrong."}
    default = client.post("/api/v1/auth/token/", body)
    assert default.json() == {"detail": "Nama pengguna atau kata sandi salah."}
