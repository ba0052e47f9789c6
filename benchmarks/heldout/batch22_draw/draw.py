"""Random passage draw for batch22. Seed 22222, 36 draws (../draw_passages.py,
imported unchanged; the same method as batch21_draw/draw.py, only the seed and output folder changed)."""
import sys
from pathlib import Path
HERE = Path(__file__).resolve().parent                      # the draw's own files
SETS = HERE.parent                                          # batch22.jsonl, translated22.jsonl
sys.path.insert(0, str(HERE.parent))
from draw_passages import draw  # noqa: E402

if __name__ == "__main__":
    draw(22222, HERE)
