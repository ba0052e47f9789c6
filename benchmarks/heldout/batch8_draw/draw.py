"""Random passage draw for batch8. Seed 8181, 36 draws (../draw_passages.py, the method of
../batch6_draw/draw.py)."""
import sys
from pathlib import Path
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from draw_passages import draw  # noqa: E402

if __name__ == "__main__":
    draw(8181, HERE)
