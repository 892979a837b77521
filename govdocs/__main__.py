"""``python -m govdocs``: the same command line as ``govdocs``."""

from govdocs.cli import main

if __name__ == "__main__":
    main()
