#!/usr/bin/env python3
"""Print a PDF's text as one Python PDF reader gives it (default options).

Usage: extract.py READER FILE.pdf, READER one of pymupdf, pdfminer, pypdf.
Exit status 3 when the reader is not installed (the test then skips it).
PyMuPDF is imported as `pymupdf` (pip) or `fitz` (Debian's python3-fitz).
"""
import sys

def pymupdf(path):
    try:
        import pymupdf as m
    except ImportError:
        import fitz as m
    return '\n'.join(page.get_text() for page in m.open(path))

def pdfminer(path):
    from pdfminer.high_level import extract_text
    return extract_text(path)

def pypdf(path):
    from pypdf import PdfReader
    return '\n'.join((page.extract_text() or '') for page in PdfReader(path).pages)

READERS = {'pymupdf': pymupdf, 'pdfminer': pdfminer, 'pypdf': pypdf}

if __name__ == '__main__':
    reader, path = sys.argv[1], sys.argv[2]
    try:
        text = READERS[reader](path)
    except ImportError as e:
        print(f'{reader} is not installed: {e}', file=sys.stderr)
        sys.exit(3)
    sys.stdout.write(text)
