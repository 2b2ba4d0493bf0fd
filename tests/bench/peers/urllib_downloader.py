"""The tutorial's downloader: urllib in a ThreadPoolExecutor, one file per URL.

usage: /usr/bin/python3 urllib_downloader.py URLS_FILE OUT_DIR CONCURRENCY
"""
import os
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor

URLS_FILE, OUT_DIR, CONCURRENCY = sys.argv[1], sys.argv[2], int(sys.argv[3])


def download(url):
    name = os.path.basename(urllib.request.urlparse(url).path)
    with urllib.request.urlopen(url, timeout=60) as response:
        data = response.read()
    with open(os.path.join(OUT_DIR, name), "wb") as f:
        f.write(data)
    return len(data)


def main():
    with open(URLS_FILE) as f:
        urls = [line.strip() for line in f if line.strip()]
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as executor:
        total = sum(executor.map(download, urls))
    print(total)


if __name__ == "__main__":
    main()
