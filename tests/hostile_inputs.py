"""Input that hospital users, attackers and copy-pasted social media text will send. Every form test iterates it:
each value must give a clear validation error, or be stored and rendered escaped — never a 500."""

HOSTILE_INPUTS = {
    "script": '<script>alert("x")</script>',
    "attribute_breakout": '" onmouseover="alert(1)" x="',
    "img_onerror": "<img src=x onerror=alert(1)>",
    "sql": "'; DROP TABLE governance_user; --",
    "sql_or": "' OR '1'='1",
    "nul_byte": "abc\x00def",
    "rtl_override": "\u202egnp.exe",
    "rtl_mark": "\u200fשלום\u200f",
    "emoji_4_byte": "Hjerte ❤️ 🏥👩🏽‍⚕️",
    "one_megabyte": "x" * (1024 * 1024),
    "formula_equals": '=HYPERLINK("http://evil.example","klik")',
    "formula_plus": "+45 12 34 56 78",
    "formula_minus": "-2+3+cmd|' /C calc'!A0",
    "formula_at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "template_tag": "{{ request.user.password }}{% debug %}",
    "crlf": "line\r\nSet-Cookie: x=y",
}

# Substrings that must never reach a page unescaped.
DANGEROUS_MARKUP = ["<script>", "<img src=x", '" onmouseover="']
