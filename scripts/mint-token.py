#!/usr/bin/env python3
"""Mints a bearer token for trying a local Zorgpad server: an HS256 JWT signed with the local secret
(zorgpad.security.jwt.hmac-secret; the server refuses that well-known secret under the postgres profile).

    TOKEN=$(python3 scripts/mint-token.py --system)                        # system/*.cruds (GP system, loader)
    TOKEN=$(python3 scripts/mint-token.py --scope "system/*.rs")           # read-only integrator
    TOKEN=$(python3 scripts/mint-token.py --user PractitionerRole/poh-van-dijk --scope "user/*.cruds")
    TOKEN=$(python3 scripts/mint-token.py --patient mevrouw-jansen --scope "patient/*.rs")
    curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/fhir/Patient

Options: --secret (default $ZORGPAD_SECURITY_JWT_HMAC_SECRET or the local secret), --minutes (default 60),
--sub, --client. Standard library only.
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import time

LOCAL_SECRET = "zorgpad-local-development-secret-not-for-real-patients"


def b64(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint(claims, secret):
    header = b64(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    payload = b64(json.dumps(claims, separators=(",", ":")).encode())
    signature = hmac.new(secret.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()
    return f"{header}.{payload}.{b64(signature)}"


def main():
    parser = argparse.ArgumentParser(description="Mint a local Zorgpad bearer token")
    parser.add_argument("--system", action="store_true", help="shorthand for --scope 'system/*.cruds'")
    parser.add_argument("--scope", help="SMART scopes, space-separated")
    parser.add_argument("--user", help="fhirUser, e.g. PractitionerRole/poh-van-dijk")
    parser.add_argument("--patient", help="patient id (patient claim; fhirUser Patient/<id>)")
    parser.add_argument("--sub", default=os.environ.get("USER", "local-user"))
    parser.add_argument("--client", default="zorgpad-local")
    parser.add_argument("--minutes", type=int, default=60)
    parser.add_argument("--secret", default=os.environ.get("ZORGPAD_SECURITY_JWT_HMAC_SECRET", LOCAL_SECRET))
    args = parser.parse_args()
    scope = "system/*.cruds" if args.system else args.scope
    if not scope:
        parser.error("give --system or --scope")
    now = int(time.time())
    claims = {"sub": args.sub, "client_id": args.client, "scope": scope, "iat": now, "exp": now + 60 * args.minutes}
    if args.user:
        claims["fhirUser"] = args.user
    if args.patient:
        claims["patient"] = args.patient
        claims["fhirUser"] = f"Patient/{args.patient}"
    print(mint(claims, args.secret))


if __name__ == "__main__":
    main()
