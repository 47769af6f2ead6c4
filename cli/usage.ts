export const USAGE = `Usage:
  node dist/cli.js lint <files...> [--format text|json|sarif] [--config <file>]
  node dist/cli.js fix <files...> [--output <file>] [--config <file>]

Commands:
  lint   Check Classworks enrollment (user import) CSV files and report every problem.
  fix    Apply every safe fix, in place or to --output, and report what remains.
  Files are given by path (standard input is not read); a name starting with "-" goes after "--".

Options:
  -f, --format <format>  lint report format: text (default), json or sarif
  -c, --config <file>    use this .classworks.json for every file, instead of the
                         nearest .classworks.json in each file's folder or its ancestors
  -o, --output <file>    fix: write the fixed text to this file (one input file only);
                         without it the file is fixed in place
  -h, --help             show this help
  -v, --version          show the version

Exit codes:
  0  no errors (warnings and info do not fail)
  1  at least one error
  2  bad usage, a file that cannot be read, or an invalid configuration

Rules: docs/rules.md. More: docs/cli.md.
`;
