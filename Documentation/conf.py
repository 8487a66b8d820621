# SPDX-License-Identifier: GPL-2.0
#
# Sphinx configuration of the ophoton documentation: "make htmldocs" runs
# sphinx-build -W (warnings are errors) with Debian's python3-sphinx.
import re
import sys
from pathlib import Path

here = Path(__file__).resolve().parent
# The netlink tables come from the YNL spec and the uapi header at build
# time (sphinx/ophoton_netlink.py); no bytecode is left in the tree.
sys.dont_write_bytecode = True
sys.path.insert(0, str(here / "sphinx"))

project = "ophoton"
author = "The ophoton developers"
copyright = "the ophoton developers; GPL-2.0"
release = re.search(r'#define OPHOTON_VERSION "([^"]+)"',
                    (here.parent / "driver/version.h").read_text()).group(1)
version = release

extensions = ["ophoton_netlink"]

root_doc = "index"
source_suffix = {".rst": "restructuredtext"}
exclude_patterns = ["man/**", "netlink/**", "sphinx/**"]
language = "en"
highlight_language = "none"
pygments_style = "sphinx"
today_fmt = "%Y-%m-%d"

html_theme = "alabaster"
html_title = "ophoton %s" % release
html_show_sourcelink = False
html_theme_options = {"page_width": "1100px", "sidebar_width": "230px"}
