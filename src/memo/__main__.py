from memo.cli import entry

entry()
