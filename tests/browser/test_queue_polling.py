"""The queue left open in the browser refreshes its table every minute by itself, and says so
(Beredskab-Poll), so the refreshing does not count as the person's activity: after 30 minutes
without a click the page goes to the sign-in."""

from django.conf import settings
from django.test import Client

from beredskab.accounts import roles
from tests.factories import make_staff, sign_in


def test_the_queue_marks_its_own_refresh_as_a_poll(browser, live_server, allerod_plan):
    client = Client()
    sign_in(client, make_staff("anne", roles.INTAKE))
    context = browser.new_context(base_url=live_server.url, locale="da-DK")
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
    page = context.new_page()
    page.clock.install()
    page.goto("/medarbejder/underretninger/")

    # Wait for the answer, not just the request: the server must be done with the database
    # before the test's own teardown empties it.
    with page.expect_response("**/medarbejder/underretninger/koe/**") as poll:
        page.clock.run_for("01:01")

    assert poll.value.request.headers.get("beredskab-poll") == "1"
    assert poll.value.request.headers.get("hx-request") == "true"
    assert poll.value.ok
    context.close()
