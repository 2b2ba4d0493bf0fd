"""The tutorial's Pillow code, as the seed wrote it: blur at full size, thumbnail, save.

usage: /usr/bin/python3 pillow_tutorial.py sequential|pool OUT_DIR PHOTO...
Kept as the tutorial has it (Pillow's defaults: thumbnail resamples with BICUBIC after a
reducing_gap pre-shrink; save() writes JPEG at quality 75) so the peer is the real thing.
"""
import os
import sys
from concurrent.futures import ProcessPoolExecutor

from PIL import Image, ImageFilter

OUT_DIR = sys.argv[2]


def process_image(path):
    img = Image.open(path)
    img = img.filter(ImageFilter.GaussianBlur(15))
    img.thumbnail((1000, 1000))
    img.save(os.path.join(OUT_DIR, os.path.basename(path)))
    return path


def main():
    mode, photos = sys.argv[1], sys.argv[3:]
    if mode == "sequential":
        for path in photos:
            process_image(path)
    elif mode == "pool":
        with ProcessPoolExecutor(2) as executor:
            list(executor.map(process_image, photos))
    else:
        sys.exit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main()
