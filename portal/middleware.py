import base64
import hashlib
import re

from django.conf import settings

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
IMPORTMAP = re.compile(rb'<script type="importmap">(.*?)</script>', re.S)


def importmap_hashes(response):
    """CSP hashes of the inline import maps of an admin page (the rich-text editor's modules)."""
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return ""
    return " ".join(
        f"'sha256-{base64.b64encode(hashlib.sha256(body).digest()).decode()}'"
        for body in IMPORTMAP.findall(response.content)
    )


class SecurityHeadersMiddleware:
    """Content Security Policy and Permissions Policy.

    The admin gets a policy that allows the inline styles its widgets use.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = settings.CONTENT_SECURITY_POLICY
        self.admin_policy = self.policy.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'").replace(
            "frame-ancestors 'none'", "frame-ancestors 'self'"
        )

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/admin/") or "/rosetta/" in request.path:
            policy = self.admin_policy
            hashes = importmap_hashes(response)
            if hashes:
                policy = policy.replace("script-src 'self'", f"script-src 'self' {hashes}")
        else:
            policy = self.policy
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response
