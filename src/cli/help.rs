//! The examples `--help` ends with (`-h` leaves them out).

pub(super) const MAIN: &str = "\
Examples:
  cse-pack build                                 every language and product into dist/
  cse-pack build --lang en,pl --product poster-a4
  cse-pack check                                 every problem, nothing written
  cse-pack list                                  languages, products and nations
  cse-pack init                                  then fill in org.toml, and:
  cse-pack build --org org.toml
  cse-pack preview --open                        the PDFs, a picture of each, and a contact sheet
  cse-pack build --bleed --zip                   press PDFs, one ZIP per organisation for the print shop

Exit status: 0 when it worked (warnings may have been printed); 1 for errors,
including a bad value (`--lang xx`, `--nation mars`); 2 when the command line
cannot be parsed (an unknown flag or subcommand, a flag without its value).";

pub(super) const BUILD: &str = "\
Examples:
  cse-pack build                                   every language and product, england
  cse-pack build --lang en,pl --product poster-a4,poster-a3
  cse-pack build --lang cy+en                      all in Welsh and English, Welsh first
  cse-pack build --org org.toml --out school-pack  personalised, into school-pack/
  cse-pack build --orgs schools.csv --lang en      one folder per CSV row
  cse-pack build --bleed --product poster-a3       for a print shop
  cse-pack build --bleed --zip --orgs schools.csv  one ZIP per school for the print shop
  cse-pack build --preview --open                  with pictures; opens contact-sheet.png
  cse-pack build --content content                 an edited copy of the content";

pub(super) const PREVIEW: &str = "\
Examples:
  cse-pack preview                                 every PDF, its picture, and dist/contact-sheet.png
  cse-pack preview --open                          then open the contact sheet
  cse-pack preview --lang en,ur,bn --product leaflet-a5 --org org.toml
  cse-pack preview --orgs schools.csv --out batch  a row per school and language (the first 40)";

pub(super) const CHECK: &str = "\
Examples:
  cse-pack check                          the built-in content, every nation
  cse-pack check --content content        an edited copy (e.g. after changing a number)
  cse-pack check --org org.toml           does this organisation fit every product?
  cse-pack check --lang ur --nation scotland";

pub(super) const LIST: &str = "\
Examples:
  cse-pack list
  cse-pack list --content content         what an edited copy offers";

pub(super) const INIT: &str = "\
Examples:
  cse-pack init                            writes org.toml here
  cse-pack init --out ashgrove.toml";

pub(super) const COMPLETIONS: &str = "\
Examples:
  cse-pack completions bash > ~/.local/share/bash-completion/completions/cse-pack
  cse-pack completions zsh > ~/.zfunc/_cse-pack
  cse-pack completions fish > ~/.config/fish/completions/cse-pack.fish
  cse-pack completions powershell >> $PROFILE";

pub(super) const MAN: &str = "\
Examples:
  cse-pack man | man -l -
  cse-pack man > ~/.local/share/man/man1/cse-pack.1";

pub(super) const SERVE: &str = "\
Examples:
  web/build.sh && cse-pack serve          the page at http://127.0.0.1:8080/
  cse-pack serve --port 0                 any free port (it prints which)";
