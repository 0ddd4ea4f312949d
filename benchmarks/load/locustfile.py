"""The bounded load test of the production set-up (benchmarks/load/run): four kinds of request, equally likely, by
users that wait for each answer before the next request (no think time, so that the figures are the server's).

- the home page, anonymous;
- the person simulator API (anonymous: the run raises API_ANONYMOUS_CALLS_PER_MINUTE so that throttling does not
  answer instead of the simulator);
- a planner page (LOAD_PLANNER_PATH), signed in as the demo organisation's admin: one sign-in at the start, whose
  session every user shares (signing in again per user would meet the sign-in throttle);
- the open places API, a page of places near Lyon.
"""

import os
import re

import requests
from locust import HttpUser, events, task


SESSION = {}
# The production cookies are Secure (and __Host-): an HTTP client on loopback keeps them from each answer and sends
# them back by hand.
SESSION_COOKIE, CSRF_COOKIE = "__Host-sessionid", "__Host-csrftoken"


@events.test_start.add_listener
def sign_in(environment, **kwargs):
    login = environment.host + "/compte/connexion/"
    page = requests.get(login, timeout=30)
    page.raise_for_status()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = requests.post(
        login,
        data={
            "csrfmiddlewaretoken": token,
            "username": os.environ["LOAD_EMAIL"],
            "password": os.environ["LOAD_PASSWORD"],
        },
        cookies={CSRF_COOKIE: page.cookies[CSRF_COOKIE]},
        headers={"Referer": login},
        allow_redirects=False,
        timeout=30,
    )
    if answer.status_code != 302 or SESSION_COOKIE not in answer.cookies:
        raise RuntimeError(f"sign-in failed: {answer.status_code}")
    SESSION[SESSION_COOKIE] = answer.cookies[SESSION_COOKIE]


class Visitor(HttpUser):
    @task
    def home_page(self):
        self.client.get("/", name="page d'accueil")

    @task
    def person_api(self):
        self.client.post(
            "/api/v1/simulations/person",
            json={"distance_km": 23.5, "mode": "voiture_thermique", "telework_days": 2, "office_days": 3},
            name="API simulateur personne",
        )

    @task
    def planner_page(self):
        # A lost session would answer with a redirect to the sign-in page, which is fast: count it as a failure,
        # never as a planner page.
        with self.client.get(
            os.environ["LOAD_PLANNER_PATH"],
            cookies=SESSION,
            name="page du planning",
            allow_redirects=False,
            catch_response=True,
        ) as answer:
            if answer.status_code != 200:
                answer.failure(f"{answer.status_code} instead of the planner page")

    @task
    def places_api(self):
        self.client.get("/api/v1/places?bbox=4.79,45.70,4.90,45.80&page_size=20", name="API lieux")
