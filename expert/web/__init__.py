"""The web interview (``expert serve``): the consultant's area and the client's private
link, both driving the interview's one flow (``expert.interview.flow``).

app (shared hooks, login), consultant (the consultant's pages), pages (the interview
pages), runner (the flow, on the engine thread), worker (the engine thread), state (an
interview as stored), store (interviews in the database), db (SQLite, migrations), auth
(passwords, logins), security (headers, CSRF, rate limits), documents (downloads, import),
serve (the command).
"""
