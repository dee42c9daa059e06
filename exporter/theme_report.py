"""``exporter styles``: the bundled themes and the font each role resolves to here."""

from __future__ import annotations

from .renderers.pdf.fonts import role_face
from .theme import ROLES, Theme, load_theme, theme_names

_EMBEDDING = {"truetype": "yes", "cff": "yes, converted from CFF",
              "builtin": "no: built-in STSong-Light (install fonts-noto-cjk or pass --font)"}


def _chain(families: tuple[str, ...]) -> str:
    return " → ".join(families)


def describe_theme(theme: Theme) -> str:
    """One theme: its name and description, then per role the size, the family chain, and
    the family, file and embedding the PDF would use on this machine."""
    lines = [f"{theme.name}: {theme.description}", f"  file: {theme.path}"]
    for role in ROLES:
        spec = theme.roles[role]
        face = role_face(theme, role)
        where = (f"{face.path}" + (f" (index {face.index})" if face.index else "")
                 if face.path is not None else "built in")
        weight = " bold" if spec.bold else ""
        lines.append(f"  {role}: {spec.size:g}pt{weight}; fonts {_chain(spec.fonts)}")
        lines.append(f"    PDF: {face.family}, {where}; embedded: {_EMBEDDING[face.outline]}")
        if spec.bold and not role_face(theme, role, bold=True).bold:
            lines.append("    PDF bold: no bold face installed, bold is emulated")
    return "\n".join(lines) + "\n"


def describe_themes(check: str | None) -> str:
    """Every bundled theme described, or with ``check`` (a name or path) ``"THEME: ok"``
    once the theme validates; a bad theme raises ThemeError naming file, key and problem."""
    if check is not None:
        load_theme(check)
        return f"{check}: ok\n"
    return "\n".join(describe_theme(load_theme(name)) for name in theme_names())
