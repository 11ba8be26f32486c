"""Screenshot pages as a given user, for looking at what a person sees.

    .venv/bin/python scripts/screenshot.py --base http://127.0.0.1:8000 --user pegawai \
        --out /tmp/shots / /organisasi/

Uses Debian's Chromium (/usr/bin/chromium) through Playwright; phone (390 px) and desktop.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="")
    parser.add_argument("--password", default="demo12345")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--widths", default="390,1280")
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        for width in (int(w) for w in args.widths.split(",")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            if args.user:
                page.goto(f"{args.base}/login/")
                page.fill("#id_username", args.user)
                page.fill("#id_password", args.password)
                page.click("button[type=submit]")
            for path in args.paths:
                page.goto(f"{args.base}{path}")
                name = path.strip("/").replace("/", "_") or "home"
                target = out / f"{args.user or 'anon'}_{name}_{width}.png"
                page.screenshot(path=str(target), full_page=True)
                print(target)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
