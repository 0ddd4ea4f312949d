"""A small HTTP client for the server tests: one session cookie per user, the CSRF token read from the page, the
fields of a form collected as a browser submits them, and rounds of requests released together on a barrier."""

import http.client
import secrets
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode


REQUEST_TIMEOUT_SECONDS = 60


@dataclass
class Response:
    status: int
    headers: dict
    text: str

    @property
    def location(self):
        return self.headers.get("location", "")


class _FormParser(HTMLParser):
    """The successful controls of every <form> of a page, in document order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._form = None
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {"action": attrs.get("action") or "", "fields": []}
            self.forms.append(self._form)
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = (attrs.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._form["fields"].append([attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "textarea" and attrs.get("name"):
            self._textarea = [attrs["name"], ""]
            self._form["fields"].append(self._textarea)
        elif tag == "select" and attrs.get("name"):
            self._select = {"name": attrs["name"], "multiple": "multiple" in attrs, "first": None, "chosen": []}
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            if self._textarea is not None and self._textarea[1].startswith("\n"):
                self._textarea[1] = self._textarea[1][1:]  # the newline after <textarea> is not part of the value
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            self._form["fields"].extend([self._select["name"], value] for value in chosen)
            self._select = None


def page_forms(html):
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


@dataclass
class Form:
    """The fields of a form as the browser would post them; `set` replaces a field's value(s)."""

    action: str
    fields: list = field(default_factory=list)

    def get(self, name):
        return [value for key, value in self.fields if key == name]

    def set(self, name, *values):
        self.fields = [(key, value) for key, value in self.fields if key != name]
        self.fields.extend((name, value) for value in values)
        return self


def _multipart(fields, files):
    boundary = "----teletravail" + secrets.token_hex(12)
    parts = []
    for name, value in fields:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


class Browser:
    """One signed-in user: its own cookies, no redirect followed (the tests read each answer)."""

    def __init__(self, host, port, session_key):
        self.host, self.port = host, port
        self.cookies = {"sessionid": session_key}

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT_SECONDS)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), **(headers or {})}
        try:
            connection.request(method, path, body=body, headers=headers)
            answer = connection.getresponse()
            text = answer.read().decode("utf-8", errors="replace")
            for value in answer.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(value).items():
                    self.cookies[name] = morsel.value
            return Response(answer.status, {k.lower(): v for k, v in answer.getheaders()}, text)
        finally:
            connection.close()

    def get(self, path):
        return self.request("GET", path)

    def form(self, path, action=None):
        """The form of the page at `path` posting to `action` (the page itself when None)."""
        page = self.get(path)
        assert page.status == 200, (path, page.status)
        wanted = action or ""
        for found in page_forms(page.text):
            if found["action"] == wanted or (action is None and found["action"] == path):
                return Form(action or path, [tuple(item) for item in found["fields"]])
        raise AssertionError(f"no form posting to {wanted or path} on {path}")

    def submit(self, form, files=None):
        if files:
            body, content_type = _multipart(form.fields, files)
        else:
            body, content_type = urlencode(form.fields).encode(), "application/x-www-form-urlencoded"
        return self.request("POST", form.action, body=body, headers={"Content-Type": content_type})


def simultaneously(*steps):
    """Run each step (prepare, act) on its own thread: every `prepare` first, then all the `act(prepared)` released
    together on a barrier. The answers (or exceptions) in the order of the steps."""
    barrier = threading.Barrier(len(steps))
    results = [None] * len(steps)

    def run(index, prepare, act):
        try:
            prepared = prepare()
        except BaseException as error:  # the others must not wait forever at the barrier
            barrier.abort()
            results[index] = error
            return
        try:
            barrier.wait()
            results[index] = act(prepared)
        except BaseException as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, *step)) for i, step in enumerate(steps)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results
