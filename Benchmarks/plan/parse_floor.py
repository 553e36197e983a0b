"""The parse floor: read and parse every *.yaml under a folder with libyaml (PyYAML's C loader), nothing else."""
import os
import sys

import yaml

count = 0
for folder, _, files in os.walk(sys.argv[1]):
    for name in files:
        if name.endswith((".yaml", ".yml")):
            with open(os.path.join(folder, name), "rb") as f:
                yaml.load(f, Loader=yaml.CLoader)
            count += 1
print(f"parsed {count} files")
