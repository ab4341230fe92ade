from django.urls import reverse


def test_it_speaks_thai_to_an_english_browser(client, db):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "th"
    assert '<html lang="th">' in response.content.decode()


def test_it_switches_to_english_and_back_from_the_menu(client, db):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = client.get(reverse("login"))
    assert response["Content-Language"] == "en"
    assert '<html lang="en">' in response.content.decode()
    client.post(reverse("set_language"), {"language": "th", "next": "/"})
    assert client.get(reverse("login"))["Content-Language"] == "th"
