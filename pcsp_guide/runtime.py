"""Python for the browser: Pyodide's runtime, the wheels it loads, and its lock.

Everything the site's Python needs ships inside this package, in static/pyodide/:
Pyodide's four runtime files, the pinned pure wheels pcsp_core depends on, and a
lock naming only those wheels (`python build.py fetch` assembles the folder in a
source checkout; the wheel from `python build.py dist` carries it). At build time
the pcsp_core wheel is made afresh from the pcsp_core this Python imports, so the
browser always runs the very rules the build judged the pages' examples with.
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import shutil
import zipfile
from pathlib import Path

from pcsp_guide.digests import sha256_file

RUNTIME_DIR = Path(__file__).resolve().parent / "static" / "pyodide"
LOCK_FILE = "pyodide-lock.json"
SITE_FOLDER = "pyodide"  # where the runtime goes in a built site

# Only what the site loads: the console pages fetch from a CDN, and the
# typings, source maps and classic-script build are dead weight offline.
PYODIDE_RUNTIME = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")

CORE = "pcsp-core"
# The browser's packages, keyed by normalised name as Pyodide's lock keys them.
# imports/depends cannot be read from a wheel cheaply, and they change only
# when pyproject.toml's dependencies do.
BROWSER_PACKAGES = {
    CORE: {"imports": ["pcsp_core"], "depends": ["jsonschema", "attrs", "pyrsistent", "segno"]},
    "jsonschema": {"imports": ["jsonschema"], "depends": ["attrs", "pyrsistent"]},
    "attrs": {"imports": ["attr", "attrs"], "depends": []},
    "pyrsistent": {"imports": ["pyrsistent"], "depends": []},
    "segno": {"imports": ["segno"], "depends": []},
}
# The field set of a package entry in the lock npm's pyodide 314.0.7 ships;
# checked against that lock whenever the runtime is assembled, so a Pyodide bump cannot drift.
LOCK_ENTRY_FIELDS = frozenset(
    {"name", "version", "file_name", "install_dir", "sha256", "package_type",
     "imports", "depends", "unvendored_tests", "tool"}
)


class RuntimeMissing(Exception):
    """This installation has no browser runtime to copy (a source checkout not yet fetched)."""


def normalize_name(name: str) -> str:
    """PEP 503 normalisation, which is also how Pyodide keys its lock."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_wheel_name(file_name: str) -> tuple[str, str]:
    """(distribution as spelt in the file name, version) of a pure wheel."""
    if not file_name.endswith("-py3-none-any.whl"):
        raise ValueError(f"{file_name}: the browser can only use pure py3-none-any wheels")
    parts = file_name[: -len(".whl")].split("-")
    if len(parts) not in (5, 6):  # name-version[-build]-py-abi-platform
        raise ValueError(f"{file_name}: not a wheel file name")
    return parts[0], parts[1]


def lock_entry(wheel: Path, imports: list[str], depends: list[str]) -> dict:
    name, version = parse_wheel_name(wheel.name)
    return {
        "name": name,
        "version": version,
        "file_name": wheel.name,  # resolved against the lock's own URL
        "install_dir": "site",
        "sha256": sha256_file(wheel),  # Pyodide checks each download against it
        "package_type": "package",
        "imports": list(imports),
        "depends": list(depends),
        "unvendored_tests": False,
        "tool": {},
    }


def make_lock(npm_lock: dict, wheels: list[Path]) -> dict:
    """A pyodide-lock.json with the runtime's own info and only the given wheels.

    The npm lock lists 357 packages that would all be fetched from a CDN;
    ours lists only what the site ships, so nothing can reach outside.
    """
    by_name: dict[str, Path] = {}
    for wheel in wheels:
        key = normalize_name(parse_wheel_name(wheel.name)[0])
        if key not in BROWSER_PACKAGES:
            raise ValueError(f"{wheel.name}: the browser does not load {key} "
                             f"(it loads {', '.join(sorted(BROWSER_PACKAGES))})")
        if key in by_name:
            raise ValueError(f"two wheels for {key}: {by_name[key].name} and {wheel.name}")
        by_name[key] = wheel
    lock = {k: v for k, v in npm_lock.items() if k != "packages"}  # info, tool
    lock["info"] = dict(npm_lock["info"])  # abi_version, arch, platform, python
    lock["packages"] = {key: lock_entry(by_name[key], spec["imports"], spec["depends"])
                        for key, spec in BROWSER_PACKAGES.items() if key in by_name}
    return lock


def check_lock_format(npm_lock: dict) -> None:
    """Fail if the runtime's lock entries no longer look like ours."""
    sample = next(iter(npm_lock.get("packages", {}).values()), None)
    if sample is None or set(sample) != LOCK_ENTRY_FIELDS:
        have = sorted(sample) if sample else "no entries"
        raise ValueError(
            "Pyodide's pyodide-lock.json entries have fields "
            f"{have}; pcsp_guide writes {sorted(LOCK_ENTRY_FIELDS)}: update lock_entry()")


# --------------------------------------------------------------------------
# The pcsp_core wheel, made from the installed package


def _package_files(package_dir: Path) -> list[tuple[str, Path]]:
    """(path in the wheel, file) for every file of the package, symlinks followed
    (pcsp_core/schemas is a link to schemas/ in a source checkout)."""
    found = []
    for folder, dirs, files in os.walk(package_dir, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for name in sorted(files):
            if name.endswith((".pyc", ".pyo")):
                continue
            path = Path(folder) / name
            found.append((f"{package_dir.name}/{path.relative_to(package_dir).as_posix()}", path))
    return found


def _record_hash(data: bytes) -> str:
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def core_wheel(dest_dir: Path, package_dir: Path, version: str) -> Path:
    """Write pcsp_core-<version>-py3-none-any.whl into dest_dir from package_dir.

    The same files give the same bytes (entries sorted, every time 1980-01-01, whatever the
    build's date), so the wheel, the lock that names it and the browser's Python snapshot keyed
    by that lock change only when pcsp_core does.
    """
    stamp = (1980, 1, 1, 0, 0, 0)
    dist_info = f"pcsp_core-{version}.dist-info"
    entries = [(arc, path.read_bytes()) for arc, path in _package_files(package_dir)]
    entries += [
        (f"{dist_info}/METADATA", f"Metadata-Version: 2.1\nName: {CORE}\nVersion: {version}\n".encode()),
        (f"{dist_info}/WHEEL", b"Wheel-Version: 1.0\nGenerator: pcsp_guide\nRoot-Is-Purelib: true\n"
                               b"Tag: py3-none-any\n"),
    ]
    record = "".join(f"{arc},{_record_hash(data)},{len(data)}\n" for arc, data in entries)
    entries.append((f"{dist_info}/RECORD", (record + f"{dist_info}/RECORD,,\n").encode()))
    wheel = Path(dest_dir) / f"pcsp_core-{version}-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as archive:
        for arc, data in entries:
            info = zipfile.ZipInfo(arc, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return wheel


# --------------------------------------------------------------------------
# Into a built site


def runtime_files(runtime_dir: Path = RUNTIME_DIR) -> tuple[dict, list[Path]]:
    """(the stored lock, the stored wheels) of an assembled runtime folder."""
    lock_path = Path(runtime_dir) / LOCK_FILE
    missing = [name for name in (*PYODIDE_RUNTIME, LOCK_FILE) if not (Path(runtime_dir) / name).is_file()]
    if missing:
        raise RuntimeMissing(
            f"the browser runtime is not in {runtime_dir} (missing {', '.join(missing)}). "
            "In a source checkout run `python build.py fetch` first; otherwise reinstall "
            "the wheel `python build.py dist` makes, which carries it.")
    lock = json.loads(lock_path.read_text(encoding="utf-8"))
    wheels = [Path(runtime_dir) / entry["file_name"] for entry in lock["packages"].values()]
    for wheel, entry in zip(wheels, lock["packages"].values()):
        if not wheel.is_file() or sha256_file(wheel) != entry["sha256"]:
            raise RuntimeMissing(f"{wheel.name} in {runtime_dir} is missing or is not the file its "
                                 "lock names: fetch the runtime again (`python build.py fetch`)")
    return lock, wheels


def install_runtime(site_dir: Path, runtime_dir: Path = RUNTIME_DIR) -> list[Path]:
    """Copy the runtime into site_dir/pyodide/ with a fresh pcsp_core wheel and the full lock."""
    import pcsp_core

    stored_lock, pinned = runtime_files(runtime_dir)
    dest = Path(site_dir) / SITE_FOLDER
    if dest.exists():
        raise ValueError(f"{dest} already exists: a page or file called {SITE_FOLDER}/ would be overwritten")
    dest.mkdir(parents=True)
    for name in PYODIDE_RUNTIME:
        shutil.copy2(Path(runtime_dir) / name, dest / name)
    for wheel in pinned:
        shutil.copy2(wheel, dest / wheel.name)
    core = core_wheel(dest, Path(pcsp_core.__file__).resolve().parent, core_version())
    lock = make_lock(stored_lock, [core, *(dest / w.name for w in pinned)])
    if set(lock["packages"]) != set(BROWSER_PACKAGES):
        raise RuntimeMissing(f"the stored runtime has wheels for {sorted(stored_lock['packages'])}; "
                             f"the browser needs {sorted(set(BROWSER_PACKAGES) - {CORE})}")
    (dest / LOCK_FILE).write_text(json.dumps(lock, indent=2) + "\n", encoding="utf-8")
    return sorted(dest.iterdir())


def core_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(CORE)
    except PackageNotFoundError:
        return "0.0.0"
