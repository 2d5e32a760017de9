"""The official Python client (alter-sdk 0.2.0) against `alter-local-vault serve`.

Everything runs on loopback: the vault is set up through its command line on a temporary
database, and a small HTTP server plays the provider (its API and its OAuth token endpoint).
Each scenario prints one `ok` line; the first failure stops the run with a non-zero status.

Usage: python scenarios.py PATH/TO/alter-local-vault
"""

import asyncio
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

from alter_sdk import (
    AlterVault,
    ConnectionNotFoundError,
    PolicyViolationError,
    ProviderAPIError,
    TokenExpiredError,
    TokenRetrievalError,
)

POLICIES = """
permit (principal, action, resource);

@reason("GitHub tokens are for the release bot only")
forbid (principal, action, resource)
when { resource.provider == "github" }
unless { principal is Actor && principal.identifier == "release-bot" };
"""

AGENT = "scenario-agent"


class Provider(BaseHTTPRequestHandler):
    """The stand-in provider: `/v1/...` echoes what it got, `/token` refreshes tokens."""

    seen = []  # (method, path, authorization) of every API call

    def log_message(self, *args):
        pass

    def _reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        Provider.seen.append(("GET", self.path, self.headers.get("Authorization")))
        if self.path.startswith("/v1/fail"):
            self._reply(500, {"error": "provider exploded"})
        else:
            self._reply(200, {"path": self.path})

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        form = parse_qs(self.rfile.read(length).decode())
        if self.path != "/token" or form.get("grant_type") != ["refresh_token"]:
            self._reply(404, {"error": "not_found"})
        elif form.get("refresh_token") == ["good-refresh"]:
            self._reply(200, {"access_token": "refreshed-notion-token", "token_type": "Bearer",
                              "expires_in": 3600, "refresh_token": "rotated-refresh"})
        else:
            self._reply(400, {"error": "invalid_grant", "error_description": "revoked"})


class Vault:
    """The local vault: its command line, its server process and its database."""

    def __init__(self, binary, workdir):
        self.binary = binary
        self.db = Path(workdir) / "vault.db"
        self.policies = Path(workdir) / "policies.cedar"
        self.policies.write_text(POLICIES)
        self.log = Path(workdir) / "serve.log"
        self.server = None

    def cli(self, *args):
        done = subprocess.run([self.binary, "--db", str(self.db), *args],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} failed: {done.stderr}")
        return done.stdout.strip()

    def add(self, provider, user, token, *extra):
        return self.cli("connections", "add", "--provider", provider,
                        "--attribute", f"user_id={user}", "--access-token", token, *extra)

    def serve(self):
        # The most verbose log there is, kept in a file, to prove no secret reaches it.
        self.server = subprocess.Popen(
            [self.binary, "--db", str(self.db), "serve", "--listen", "127.0.0.1:0",
             "--policies", str(self.policies)],
            stdout=subprocess.PIPE, stderr=self.log.open("w"), text=True,
            env=dict(os.environ, RUST_LOG="trace"))
        line = self.server.stdout.readline().strip()
        if not line.startswith("alter-local-vault listening on "):
            raise RuntimeError(f"the vault did not start: {line!r}")
        return line.rsplit(" ", 1)[1]

    def stop(self):
        if self.server is not None:
            self.server.terminate()
            self.server.wait(timeout=10)
            self.server = None

    def rows(self, sql):
        with sqlite3.connect(self.db) as db:
            return db.execute(sql).fetchall()


def check(condition, what):
    if not condition:
        raise AssertionError(what)


async def scenarios(vault, base_url, provider_url, ids, key):
    client = AlterVault(api_key=key, base_url=base_url, actor_type="ai_agent",
                        actor_identifier=AGENT, actor_name="Scenario Agent",
                        actor_version="1.0.0", framework="scripted")
    item = f"{provider_url}/v1/items/{{item_id}}"
    try:
        response = await client.request("google", "GET", item, user={"user_id": "alice"},
                                        path_params={"item_id": "a b"},
                                        query_params={"q": "x"}, reason="scenario success")
        check(response.status_code == 200, f"status {response.status_code}")
        check(Provider.seen[-1] == ("GET", "/v1/items/a%20b?q=x", "Bearer alice-google-token"),
              f"provider saw {Provider.seen[-1]}")
        print("ok - a successful call carries the vault's token to the provider")

        actor_id = client._cached_actor_id
        stored = vault.rows(f"SELECT id, name FROM actors WHERE identifier = '{AGENT}'")
        check(actor_id is not None and stored == [(actor_id, "Scenario Agent")],
              f"cached {actor_id}, stored {stored}")
        await client.request("google", "GET", item, user={"user_id": "alice"},
                             path_params={"item_id": "2"})
        check(client._cached_actor_id == actor_id, "the cached actor id changed")
        check(len(vault.rows("SELECT id FROM actors")) == 1, "a second actor was registered")
        print(f"ok - the actor id {actor_id} is returned, cached and kept")

        try:
            await client.request("github", "GET", item, user={"user_id": "alice"},
                                 path_params={"item_id": "3"})
            raise AssertionError("the policy did not deny")
        except PolicyViolationError as error:
            check(error.message == "Access denied by policy", error.message)
            check(error.policy_error == "GitHub tokens are for the release bot only",
                  error.policy_error)
            check(error.details.get("connection_id") == ids["github"], str(error.details))
        print("ok - a policy denial is a PolicyViolationError with the policy's reason")

        try:
            await client.request("google", "GET", item, user={"user_id": "bob"},
                                 path_params={"item_id": "4"})
            raise AssertionError("found a connection for bob")
        except ConnectionNotFoundError as error:
            check(error.message == "no google connection matches the given attributes",
                  error.message)
        print("ok - no matching connection is a ConnectionNotFoundError")

        try:
            await client.request("google", "GET", item, user={"team": "core"},
                                 path_params={"item_id": "4b"})
            raise AssertionError("one of several matching connections was picked")
        except TokenRetrievalError as error:
            check(type(error) is TokenRetrievalError, type(error).__name__)
            check(error.message == "2 google connections match the given attributes; "
                  "send more attributes to pick one", error.message)
            check(sorted(error.details.get("connection_ids", [])) ==
                  sorted([ids["google-erin"], ids["google-frank"]]), str(error.details))
        print("ok - several matching connections are a TokenRetrievalError naming them")

        try:
            await client.request("slack", "GET", item, user={"user_id": "carol"},
                                 path_params={"item_id": "5"})
            raise AssertionError("the revoked refresh succeeded")
        except TokenExpiredError as error:
            check(error.connection_id == ids["slack"], f"connection id {error.connection_id}")
            check("invalid_grant" in error.message, error.message)
        print("ok - a failed refresh is a TokenExpiredError with the connection id")

        response = await client.request("notion", "GET", item, user={"user_id": "dave"},
                                        path_params={"item_id": "6"})
        check(Provider.seen[-1][2] == "Bearer refreshed-notion-token", str(Provider.seen[-1]))
        print("ok - an expired token is refreshed before the call")

        try:
            await client.request("google", "GET", f"{provider_url}/v1/fail",
                                 user={"user_id": "alice"}, reason="scenario failure")
            raise AssertionError("the provider error was not raised")
        except ProviderAPIError as error:
            check(error.status_code == 500, str(error.status_code))
        print("ok - a provider error is a ProviderAPIError (and still audited)")
    finally:
        await client.close()

    wrong = AlterVault(api_key="alter_key_not-a-real-key", base_url=base_url)
    try:
        await wrong.request("google", "GET", item, user={"user_id": "alice"},
                            path_params={"item_id": "7"})
        raise AssertionError("a wrong key was accepted")
    except TokenRetrievalError as error:
        check(type(error) is TokenRetrievalError and "API key" in error.message, error.message)
    finally:
        await wrong.close()
    print("ok - a wrong API key is a TokenRetrievalError")


def check_audit(vault, ids):
    table = vault.cli("audit", "list", "--provider", "google", "--user", "alice")
    check("/v1/items/a%20b" in table and "scenario success" in table, table)
    check("/v1/fail" in table and "500" in table, table)
    rows = vault.rows("SELECT connection_id, request_headers, response_status, actor_id "
                      "FROM audit_records ORDER BY id")
    check(len(rows) == 4, f"{len(rows)} audit records")
    check(rows[0][0] == ids["google"] and rows[0][2] == 200, str(rows[0]))
    check("authorization" not in rows[0][1].lower(), rows[0][1])
    check(all(row[3] is not None for row in rows), "an audit record has no actor")
    outcomes = {row[0] for row in vault.rows("SELECT outcome FROM token_accesses")}
    check(outcomes == {"allowed", "denied", "not_found", "ambiguous", "refresh_failed"},
          str(outcomes))
    denied = vault.rows("SELECT policy_reason FROM token_accesses WHERE outcome = 'denied'")
    check(denied == [("GitHub tokens are for the release bot only",)], str(denied))
    print("ok - the audit records arrived (checked with `audit list` and the database)")
    print(table)


SECRETS = ["alice-google-token", "alice-github-token", "erin-token", "frank-token",
           "revoked-refresh", "good-refresh", "rotated-refresh", "refreshed-notion-token",
           "csecret"]


def check_no_secret_shown(vault, key):
    """No token, refresh token, client secret or API key in the server's trace-level log,
    in the listings, or in the audit table."""
    shown = {
        "the serve log": vault.log.read_text(),
        "connections list": vault.cli("connections", "list"),
        "audit list": vault.cli("audit", "list"),
        "audit tokens": vault.cli("audit", "tokens"),
        "the audit table": json.dumps(vault.rows("SELECT * FROM audit_records")),
    }
    check("token request" in shown["the serve log"], "the serve log is empty")
    for where, text in shown.items():
        for secret in [*SECRETS, key]:
            check(secret not in text, f"{secret} appears in {where}")
    stored = vault.rows("SELECT refresh_token FROM connections WHERE provider = 'notion'")
    check(stored == [("rotated-refresh",)], f"the rotated refresh token was not kept: {stored}")
    print("ok - no secret in the trace log, the listings or the audit table; "
          "the rotated refresh token is stored")


def main():
    binary = sys.argv[1]
    provider = ThreadingHTTPServer(("127.0.0.1", 0), Provider)
    threading.Thread(target=provider.serve_forever, daemon=True).start()
    provider_url = f"http://127.0.0.1:{provider.server_address[1]}"

    with tempfile.TemporaryDirectory() as workdir:
        vault = Vault(binary, workdir)
        key = vault.cli("keys", "create", "scenarios")
        refresh = ["--token-url", f"{provider_url}/token", "--client-id", "cid",
                   "--client-secret", "csecret", "--expires-in", "-10"]
        ids = {
            "google": vault.add("google", "alice", "alice-google-token", "--expires-in", "3600"),
            "github": vault.add("github", "alice", "alice-github-token"),
            "slack": vault.add("slack", "carol", "old", "--refresh-token", "revoked-refresh",
                               *refresh),
            "notion": vault.add("notion", "dave", "old", "--refresh-token", "good-refresh",
                                *refresh),
            "google-erin": vault.add("google", "erin", "erin-token", "--attribute", "team=core"),
            "google-frank": vault.add("google", "frank", "frank-token",
                                      "--attribute", "team=core"),
        }
        check(all(uuid.UUID(value) for value in ids.values()), str(ids))
        base_url = vault.serve()
        try:
            asyncio.run(scenarios(vault, base_url, provider_url, ids, key))
            check_audit(vault, ids)
            vault.stop()
            check_no_secret_shown(vault, key)
        finally:
            vault.stop()
            provider.shutdown()
    print("all official-client scenarios passed")


if __name__ == "__main__":
    main()
