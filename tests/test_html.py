"""The HTML page of a memo in a real headless browser (Debian's chromium through chromium-driver): clicking a
point plays the recording from the point's start, the sentence being played is highlighted, no network needed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")


def memo(*args, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run([sys.executable, "-m", "memo", *map(str, args)], capture_output=True, text=True,
                          timeout=300, env=env, cwd=cwd)  # fmt: skip


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and DRIVER):
        pytest.fail("chromium and chromium-driver are missing: apt-get install chromium chromium-driver (test.sh)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--mute-audio",
                 "--autoplay-policy=no-user-gesture-required"):
        options.add_argument(flag)  # fmt: skip
    phone = {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2}}
    options.add_experimental_option("mobileEmulation", phone)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _wait(driver, script: str, timeout: float = 20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := driver.execute_script(script):
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for: {script}")


def _settled(driver, timeout: float = 10.0) -> None:
    """Wait until the page has stopped scrolling (three equal readings 0.2 s apart)."""
    deadline, seen = time.monotonic() + timeout, []
    while time.monotonic() < deadline:
        seen = [*seen[-2:], driver.execute_script("return window.scrollY")]
        if len(seen) == 3 and len(set(seen)) == 1:
            return
        time.sleep(0.2)
    raise AssertionError(f"the page kept scrolling: {seen}")


def test_clicking_a_point_plays_from_its_start(browser, tmp_path, english_sample):
    folder = tmp_path / "memos"
    (folder / "audio").mkdir(parents=True)
    shutil.copy(english_sample, folder / "audio" / "talk one.flac")
    done = memo("process", folder / "audio" / "talk one.flac", "-o", folder / "pages", "-f", "json,html",
                "--engine", "offline")  # fmt: skip
    assert done.returncode == 0, done.stderr
    page = folder / "pages" / "talk one.html"
    html = page.read_text()
    assert 'src="../audio/talk%20one.flac"' in html  # relative to the page: the folder can move
    assert "http://" not in html and "https://" not in html and "<link" not in html  # self-contained

    browser.get(page.as_uri())
    _wait(browser, "return document.getElementById('player').readyState >= 1")  # the relative path loads
    points = browser.find_elements("css selector", "li.point[data-start]")
    assert len(points) >= 3
    point = max(points, key=lambda p: float(p.get_attribute("data-start")))  # a point well into the memo
    start = float(point.get_attribute("data-start"))
    assert start > 5
    point.click()
    now = browser.execute_script("return document.getElementById('player').currentTime")
    assert start <= now < start + 1.0, (start, now)
    playing = _wait(browser, "return document.querySelector('.seg.playing')")
    now = browser.execute_script("return document.getElementById('player').currentTime")
    assert float(playing.get_attribute("data-start")) <= now < float(playing.get_attribute("data-end")) + 0.5

    # While it plays, the page scrolls smoothly to follow the sentence; a click during that scroll lands
    # on whatever has moved under it. Pause and let the page settle, as a reader's tap would.
    browser.execute_script("document.getElementById('player').pause()")
    _settled(browser)
    sentence = browser.find_elements("css selector", ".seg")[1]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", sentence)
    _settled(browser)
    sentence.click()
    now = browser.execute_script("return document.getElementById('player').currentTime")
    assert abs(now - float(sentence.get_attribute("data-start"))) < 1.0
    width = browser.execute_script("return [document.documentElement.clientWidth, document.body.scrollWidth]")
    assert width[0] == 390 and width[1] <= 390  # a phone's width, nothing scrolls sideways
    assert browser.save_screenshot(str(tmp_path / "phone.png"))
    if shown := os.environ.get("MEMO_TEST_SCREENSHOTS"):  # to look at the page: copy the screenshot there
        shutil.copy(tmp_path / "phone.png", Path(shown) / "phone.png")


def test_view_writes_a_page_with_a_speaker_timeline(browser, tmp_path, english_sample):
    shutil.copy(english_sample, tmp_path / "talk.flac")
    assert memo("transcribe", tmp_path / "talk.flac", "-f", "json").returncode == 0
    data = json.loads((tmp_path / "talk.json").read_text())
    for i, seg in enumerate(data["segments"]):  # two speakers taking turns, as diarization labels them
        seg["speaker"] = ("Host", "Guest")[i % 2]
    data["speaker_turns"] = [{"start": s["start"], "end": s["end"], "speaker": s["speaker"]} for s in data["segments"]]
    (tmp_path / "talk.json").write_text(json.dumps(data))
    viewed = memo("view", "talk.json", "--no-open", cwd=tmp_path)
    assert viewed.returncode == 0, viewed.stderr
    assert viewed.stdout.strip() == "talk.html"

    browser.get((tmp_path / "talk.html").as_uri())
    _wait(browser, "return document.getElementById('player').readyState >= 1")
    bars = browser.find_elements("css selector", ".timeline span[data-start]")
    assert len(bars) == len(data["segments"])
    assert "Host" in browser.find_element("css selector", ".legend").text
    bars[-1].click()
    now = browser.execute_script("return document.getElementById('player').currentTime")
    assert abs(now - data["segments"][-1]["start"]) < 1.0
    assert browser.save_screenshot(str(tmp_path / "timeline.png"))
    if shown := os.environ.get("MEMO_TEST_SCREENSHOTS"):
        shutil.copy(tmp_path / "timeline.png", Path(shown) / "timeline.png")
