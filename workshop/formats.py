"""The output formats of each product: a leaf module, so that the CLI can list them
without importing the renderers (and their libraries)."""
HANDOUT_FORMATS = ("pdf", "html", "md", "docx")
PAGE_SIZES = ("A4", "Letter")
SLIDES_FORMATS = ("html", "pptx")
QUIZ_FORMATS = ("json", "md", "html")
