//! `kyoto`: the command-line tool of kyoto-widgets.
//!
//! Checks, summarises and converts implementation-matrix exports (JSON, or CSV
//! as spreadsheets save it), checks and draws progress tables (indicators and
//! reporting: a workbook, or CSV or JSON files), lists the Declaration's
//! paragraphs, and writes synthetic exports for benchmarks. Arguments are
//! parsed by hand: the tool is small and must not pull a parser crate into
//! the build.
//!
//! Exit codes: 0 success; 1 `validate` found rows with errors; 2 usage error
//! or a file that could not be read or written at all. Errors go to stderr,
//! one line each; so do the problems of progress tables read by `digest`,
//! `indicators`, `reporting` and `render --progress`.

use kyoto_widgets::core::aggregate::{summarize, GroupProgress, Summary, SummaryOptions};
use kyoto_widgets::core::chart::ChartLocale as Locale;
use kyoto_widgets::core::declaration::Declaration;
use kyoto_widgets::core::diff::{comparison_table, diff};
use kyoto_widgets::core::import::{
    format_paragraph_refs, import_with, write_csv, write_json, CsvOptions, ImportError,
    ImportLimits, ImportOutcome, ImportReport,
};
use kyoto_widgets::core::model::{Pillar, Status};
use kyoto_widgets::core::number::count;
use kyoto_widgets::core::progress::digest::{is_digest, ProgressDigest};
use kyoto_widgets::core::progress::status::ProgressStatus;
use kyoto_widgets::core::sample::sample;
use kyoto_widgets::core::synth::progress::SyntheticProgress;
use kyoto_widgets::core::synth::synthetic_export;
use std::io::{Read, Write};
use std::process::ExitCode;

const HELP: &str = "\
kyoto: check, summarise and convert Kyoto Declaration follow-up data

Usage: kyoto <command> [options]

Commands:
  validate FILE...       check an export, or progress tables, and list every
                         problem
  summary [FILE]         coverage and progress by part, pillar, theme and paragraph
  convert FILE --to F    convert an export to json or csv
  paragraphs             list the Declaration's paragraphs
  generate N             write a synthetic export of N activities
  render [FILE]          draw a chart to an SVG or PNG file
  indicators FILES...    draw the indicators' progress (or one indicator) to SVG or PNG
  compare BEFORE AFTER   what moved between two exports, per pillar
  digest FILE...         sum up progress tables for the chart and the browser
  reporting FILES...     draw who has reported (indicators and reporting
                         tables) to an SVG or PNG file
  help [COMMAND]         show help for a command

FILE is a JSON export or a CSV as a spreadsheet saves it ('-' reads stdin);
an activity export in a workbook (.xlsx, .ods, .xls) is saved as 'CSV UTF-8'
first. Progress tables are a workbook or one CSV or JSON file per table.
Run 'kyoto help COMMAND' or 'kyoto COMMAND --help' for a command's options.
";

const HELP_RENDER: &str = "\
Usage: kyoto render [FILE] --out FILE.svg|FILE.png [options]

Draws a chart with the same code that draws it in the browser. Without FILE,
the embedded sample.

Options:
  --out PATH        where to write; the extension chooses SVG or PNG (required)
  --chart KIND      pillars (default), themes, paragraphs or timeline
  --pillar P        the pillar for themes and paragraphs (I, II, III, IV)
  --theme-index N   the theme for paragraphs (1 = the pillar's first theme)
  --view V          coverage (default) or status; with --progress, reporting
                    (States reporting per pillar) or indicators (indicators
                    by status); --measure is the same option
  --progress FILE   progress data: a digest (kyoto digest), a workbook or a
                    JSON file with the tables
  --colours C       light (default), dark or high-contrast
  --width PX        width in CSS pixels (default 800)
  --scale K         PNG pixels per CSS pixel (default 2, for slides)
  --font PATH       TrueType font for PNG text (default: Noto Sans from
                    fonts-noto-core, or DejaVu Sans)
";

const HELP_INDICATORS: &str = "\
Usage: kyoto indicators FILES... -o FILE.svg|FILE.png [options]

Draws the indicators of a progress export with the same code that draws
<kyoto-indicators> in the browser: per pillar (or of one pillar, --pillar),
each indicator's latest value,
baseline, target, trend and progress status (the UNSD SDG Progress Chart
rule, docs/progress-data-format.md); with --indicator, that indicator's
series per breakdown with its baseline and target. FILES are one .xlsx or
.ods workbook, or one CSV or JSON file per table (indicators.csv,
indicator_data.csv, ...). Every problem in the rows is listed on stderr,
one line each, then the counts.

Options:
  -o, --out PATH        where to write; the extension chooses SVG or PNG (required)
  --area CODE           the area: ROU, 001 (World, the default when it has data), 150
  --breakdown D=V       a breakdown: sex=female, age=15-24, age=60+,sex=female;
                        total (the default)
  --pillar P            only the indicators of pillar P (I-IV or 1-4); default all
  --indicator ID        draw one indicator's drill-down (I-1)
  --lang L              ar, en (default), es, fr, ru or zh; Arabic is right to
                        left (SVG only: PNG text has no Arabic shaping)
  --theme T             light (default), dark or high-contrast
  --width PX            width in CSS pixels (default 800)
  --scale K             PNG pixels per CSS pixel (default 2)
  --font PATH           TrueType font for PNG text (default: Noto Sans from
                        fonts-noto-core, or DejaVu Sans)
";

const HELP_REPORTING: &str = "\
Usage: kyoto reporting FILES... -o FILE.svg|FILE.png [options]

Draws the reporting widget's views with the same code that draws them in the
browser. FILES are the reporting tables of a progress export: an .xlsx or
.ods workbook, or one CSV or JSON file per table (questions, responses,
reports; see docs/progress-data-format.md). Prints the figures drawn; every
problem in the rows is listed on stderr, one line each, then the counts.

Options:
  -o, --out PATH    where to write; the extension chooses SVG or PNG (required)
  --view V          overview (default: per pillar and cycle, the States
                    reporting with a report on time, late or none), map (the
                    tile map of report status) or question (how one question
                    was answered, States and other respondents side by side)
  --cycle C         the cycle (default the latest)
  --pillar P        one pillar (I, II, III, IV); default all
  --question ID     the question for --view question (default the pillar's
                    first)
  --all-statuses    count answers of every status, not only published ones
  --as-of DATE      the day reports are judged on, YYYY-MM-DD (default
                    today): a report not received is missing after its due
                    date, not yet due until then
  --lang L          language of the labels: ar, en (default), es, fr, ru, zh;
                    Arabic is laid out right to left (SVG only)
  --theme T         light (default), dark or high-contrast
  --width PX        width in CSS pixels (default 800)
  --scale K         PNG pixels per CSS pixel (default 2)
  --font PATH       TrueType font for PNG text
";

const HELP_VALIDATE: &str = "\
Usage: kyoto validate FILE
       kyoto validate [--progress] FILES...

Reads FILE, an activity export (JSON or CSV), and prints every problem on one
line, naming the row (as the spreadsheet numbers it, header = row 1; for JSON
the activity's position), the column, the value and the rule, then a summary
line:
  N rows read, N loaded, N errors, N warnings

Progress tables (docs/progress-data-format.md) are checked the same way: a
workbook (.xlsx or .ods, told by its content), several files (one CSV or JSON
file per table), or any FILES with --progress. Each problem names the sheet
or file too:
  error: sheet 'indicator_data', row 18, column 'area', value 'ROM': ...
then the rows read and loaded per table and the counts.

Exit status: 0 every row is valid (warnings allowed); 1 some row has an error;
2 the file could not be read at all.
";

const HELP_SUMMARY: &str = "\
Usage: kyoto summary [FILE] [--format table|json] [--status LIST]

Summarises FILE (without FILE, the embedded sample): coverage ('n of m'
paragraphs with an activity), activities by status and mean progress per part,
pillar, theme and paragraph; paragraphs with no activity; activities started
per quarter; and counts by goal, track and lead.

Options:
  --format table|json   output format (default table)
  --status LIST         count only these statuses, e.g. 'completed,ongoing'
";

const HELP_CONVERT: &str = "\
Usage: kyoto convert FILE --to json|csv [--out FILE] [--delimiter C] [--excel]

Converts an export. Rows with errors are left out (run 'kyoto validate'
first); columns the format does not know are carried over. CSV cells that a
spreadsheet would run as formulas are written with a leading apostrophe.

Options:
  --to json|csv     output format (required)
  --out FILE        write to FILE instead of stdout
  --delimiter C     CSV delimiter: ',' (default), ';' or 'tab'
  --excel           CSV for Excel: UTF-8 byte-order mark and CRLF line ends
";

const HELP_PARAGRAPHS: &str = "\
Usage: kyoto paragraphs [--pillar I|II|III|IV] [--format table|json]

Lists the Declaration's paragraphs with number, part, pillar, theme and text.
JSON output is an array of objects with the keys number, part, pillar, theme
and text.

Options:
  --pillar P            only the paragraphs of pillar P (I-IV or 1-4)
  --format table|json   output format (default table)
";

const HELP_GENERATE: &str = "\
Usage: kyoto generate N [--seed S] [--to csv|json] [--out FILE]
       kyoto generate indicators|reporting [--to csv|json] [--out PATH]

Writes a deterministic synthetic export of N activities (for benchmarks and
load tests; ids start with SYN-). The same N and seed give the same file.

'indicators' and 'reporting' write the progress tables the progress widgets
are benchmarked with: 200 indicators x 193 areas x 20 periods (indicators,
indicator_data), or 193 areas x 100 questions x 5 cycles (questions,
responses, reports). As CSV, one file per table in the folder PATH (made if
missing); as JSON, one document with the tables, as a page gives it to a
widget.

Options:
  --seed S          seed (default 1; activities only)
  --to csv|json     format (default csv)
  --out FILE        write to FILE instead of stdout (a folder for progress
                    tables as CSV)
";

const HELP_DIGEST: &str = "\
Usage: kyoto digest FILE... --out DIGEST.json [--as-of YYYY-MM-DD]

Reads progress tables (a workbook, a JSON file with the tables, or one CSV or
JSON file per table; docs/progress-data-format.md) and writes the figures the
pillar chart and the paragraph browser show from them, as a digest a page can
give in their progress attribute: per pillar the indicators by status and the
States answering and reporting per cycle, per paragraph its indicators,
questions and reports. Published answers only. Every problem of the tables
is listed on stderr, one line each, then the counts ('kyoto validate FILES'
lists them without writing a digest).

Options:
  --out PATH, -o PATH   where to write the digest (required; '-' for stdout)
  --as-of DATE          the day the digest is for (default: today, UTC)
";

const HELP_COMPARE: &str = "\
kyoto compare BEFORE AFTER

Compares two exports of the implementation data, matching activities by id,
and prints per pillar what moved: new and removed activities, status changes
(completed, now ongoing, back to planned), other updates, and the paragraphs
that have an activity now and had none before.
";

/// A failure: the message for stderr and the exit code.
struct Failure {
    message: String,
    code: u8,
}

impl Failure {
    fn usage(message: impl Into<String>) -> Failure {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

type Outcome = Result<u8, Failure>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = run(&args);
    match result {
        Ok(code) => ExitCode::from(code),
        Err(f) => {
            for line in f.message.lines() {
                eprintln!("kyoto: {line}");
            }
            ExitCode::from(f.code)
        }
    }
}

fn run(args: &[String]) -> Outcome {
    let Some((command, rest)) = args.split_first() else {
        eprint!("{HELP}");
        return Ok(2);
    };
    if rest.iter().any(|a| a == "--help" || a == "-h") {
        return help(Some(command));
    }
    match command.as_str() {
        "validate" => validate(rest),
        "summary" => summary(rest),
        "convert" => convert(rest),
        "paragraphs" => paragraphs(rest),
        "generate" => generate(rest),
        "render" => render(rest),
        "indicators" => indicators(rest),
        "compare" => compare(rest),
        "digest" => digest(rest),
        "reporting" => reporting(rest),
        "help" | "--help" | "-h" => help(rest.first()),
        other => {
            eprintln!("kyoto: unknown command '{other}'");
            eprint!("{HELP}");
            Ok(2)
        }
    }
}

fn help(command: Option<&String>) -> Outcome {
    let text = match command.map(String::as_str) {
        None | Some("help") | Some("--help") | Some("-h") => HELP,
        Some("validate") => HELP_VALIDATE,
        Some("summary") => HELP_SUMMARY,
        Some("convert") => HELP_CONVERT,
        Some("paragraphs") => HELP_PARAGRAPHS,
        Some("generate") => HELP_GENERATE,
        Some("render") => HELP_RENDER,
        Some("indicators") => HELP_INDICATORS,
        Some("compare") => HELP_COMPARE,
        Some("digest") => HELP_DIGEST,
        Some("reporting") => HELP_REPORTING,
        Some(other) => {
            eprintln!("kyoto: unknown command '{other}'");
            eprint!("{HELP}");
            return Ok(2);
        }
    };
    print!("{text}");
    Ok(0)
}

/// Parsed arguments: positionals and `--name value` options.
struct Args {
    positional: Vec<String>,
    options: Vec<(String, Option<String>)>,
}

impl Args {
    /// `flags` take no value; every other `--option` takes one.
    fn parse(args: &[String], valued: &[&str], flags: &[&str]) -> Result<Args, Failure> {
        let mut positional = Vec::new();
        let mut options = Vec::new();
        let mut it = args.iter();
        while let Some(a) = it.next() {
            if a == "-" || !a.starts_with('-') {
                positional.push(a.clone());
                continue;
            }
            let (name, inline) = match a.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (a.clone(), None),
            };
            if flags.contains(&name.as_str()) {
                if inline.is_some() {
                    return Err(Failure::usage(format!("{name} takes no value")));
                }
                options.push((name, None));
            } else if valued.contains(&name.as_str()) {
                let value = match inline {
                    Some(v) => v,
                    None => it
                        .next()
                        .cloned()
                        .ok_or_else(|| Failure::usage(format!("{name} needs a value")))?,
                };
                options.push((name, Some(value)));
            } else {
                return Err(Failure::usage(format!(
                    "unknown option '{name}' (see 'kyoto help')"
                )));
            }
        }
        Ok(Args {
            positional,
            options,
        })
    }

    fn value(&self, name: &str) -> Option<&str> {
        self.options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .and_then(|(_, v)| v.as_deref())
    }

    fn flag(&self, name: &str) -> bool {
        self.options.iter().any(|(n, _)| n == name)
    }

    fn at_most(&self, n: usize, what: &str) -> Result<(), Failure> {
        match self.positional.get(n) {
            Some(extra) => Err(Failure::usage(format!(
                "unexpected argument '{extra}' ({what})"
            ))),
            None => Ok(()),
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Format {
    Table,
    Json,
}

fn format_option(args: &Args) -> Result<Format, Failure> {
    match args.value("--format") {
        None | Some("table") => Ok(Format::Table),
        Some("json") => Ok(Format::Json),
        Some(other) => Err(Failure::usage(format!(
            "--format must be table or json, not '{other}'"
        ))),
    }
}

/// Why a file could not be read or written, in words: the system's
/// message without its error number ("No such file or directory").
fn io_reason(e: &std::io::Error) -> String {
    let text = e.to_string();
    match text.rfind(" (os error ") {
        Some(at) if text.ends_with(')') => text.get(..at).unwrap_or(&text).to_string(),
        _ => text,
    }
}

/// `cannot write 'PATH': why`, exit code 2.
fn cannot_write(path: &str, e: &std::io::Error) -> Failure {
    Failure {
        message: format!("cannot write '{path}': {}", io_reason(e)),
        code: 2,
    }
}

/// Makes (or empties) the file a PNG is drawn to, so that a path that
/// cannot be written is said before drawing, as for SVG.
fn writable(path: &str) -> Result<(), Failure> {
    std::fs::File::create(path)
        .map(drop)
        .map_err(|e| cannot_write(path, &e))
}

/// Draws a PNG to `path` (made writable first); a drawing that fails
/// leaves no empty file behind.
fn draw_png(path: &str, draw: impl FnOnce() -> Result<(), String>) -> Result<(), Failure> {
    writable(path)?;
    draw().map_err(|message| {
        let _ = std::fs::remove_file(path);
        Failure { message, code: 2 }
    })
}

/// Reads a file (or stdin for "-"), refusing one over the byte limit before
/// reading it.
fn read_input(path: &str, limits: &ImportLimits) -> Result<Vec<u8>, Failure> {
    let unreadable = |e: std::io::Error| Failure {
        message: format!("cannot read '{path}': {}", io_reason(&e)),
        code: 2,
    };
    let mut bytes = Vec::new();
    if path == "-" {
        let limit = u64::try_from(limits.max_bytes).unwrap_or(u64::MAX);
        std::io::stdin()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(unreadable)?;
    } else {
        let meta = std::fs::metadata(path).map_err(unreadable)?;
        if meta.len() > u64::try_from(limits.max_bytes).unwrap_or(u64::MAX) {
            return Err(Failure {
                message: format!(
                    "'{path}' is {} bytes; the limit is {} bytes",
                    meta.len(),
                    limits.max_bytes
                ),
                code: 2,
            });
        }
        bytes = std::fs::read(path).map_err(unreadable)?;
    }
    Ok(bytes)
}

fn load(path: &str) -> Result<ImportOutcome, (ImportError, Option<Failure>)> {
    let limits = ImportLimits::default();
    let bytes = read_input(path, &limits).map_err(|f| (ImportError::new(""), Some(f)))?;
    if let Some(book) = Workbook::of(&bytes) {
        return Err((
            ImportError::new(""),
            Some(not_an_activity_export(path, book)),
        ));
    }
    import_with(&bytes, &limits).map_err(|e| (e, None))
}

/// A spreadsheet workbook, told by the file's first bytes (not its name).
#[derive(Clone, Copy, PartialEq)]
enum Workbook {
    /// A zip archive: .xlsx (Excel) or .ods (LibreOffice).
    Zip,
    /// An OLE compound file: .xls (Excel 97-2003).
    Xls,
}

impl Workbook {
    /// The workbook a file is, from its first bytes (never stdin's).
    fn at(path: &str) -> Option<Workbook> {
        if path == "-" {
            return None;
        }
        let mut head = [0u8; 4];
        std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut head))
            .ok()
            .and_then(|()| Workbook::of(&head))
    }

    fn of(bytes: &[u8]) -> Option<Workbook> {
        if kyoto_widgets::core::progress::is_workbook(bytes) {
            Some(Workbook::Zip)
        } else if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            Some(Workbook::Xls)
        } else {
            None
        }
    }
}

/// An .xls workbook: read by no command.
fn xls_failure(path: &str) -> Failure {
    Failure::usage(format!(
        "'{path}' is an Excel 97-2003 workbook (.xls), which kyoto does not read: save it as .xlsx (progress tables) or save the sheet as 'CSV UTF-8' (an activity export)"
    ))
}

/// A workbook given where an activity export is read.
fn not_an_activity_export(path: &str, book: Workbook) -> Failure {
    match book {
        Workbook::Xls => xls_failure(path),
        Workbook::Zip => Failure::usage(format!(
            "'{path}' is a workbook (.xlsx or .ods), not an activity export: save the sheet as 'CSV UTF-8' (or export JSON) and give that file; the progress tables of a workbook are read by 'kyoto validate', 'digest', 'indicators' and 'reporting'"
        )),
    }
}

/// Loads a file for summary/convert: problems are summarised on stderr.
fn load_quietly(path: &str) -> Result<ImportOutcome, Failure> {
    match load(path) {
        Ok(outcome) => {
            let r = &outcome.report;
            if !r.problems.is_empty() {
                eprintln!(
                    "kyoto: {path}: {}; run 'kyoto validate {path}' for details",
                    r.summary_line()
                );
            }
            Ok(outcome)
        }
        Err((_, Some(f))) => Err(f),
        Err((e, None)) => Err(Failure {
            message: format!("{path}: {}", e.message),
            code: 2,
        }),
    }
}

fn validate(args: &[String]) -> Outcome {
    let args = Args::parse(args, &[], &["--progress"])?;
    let Some(path) = args.positional.first() else {
        return Err(Failure::usage(
            "validate needs a FILE (see 'kyoto help validate')",
        ));
    };
    // Progress tables: asked for, several files (one per table), or a
    // workbook (told by its first bytes).
    let progress = args.flag("--progress")
        || args.positional.len() > 1
        || Workbook::at(path) == Some(Workbook::Zip);
    if progress {
        return validate_progress(&args.positional);
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match load(path) {
        Ok(outcome) => {
            let r = &outcome.report;
            for p in &r.problems {
                let _ = writeln!(out, "{p}");
            }
            let _ = writeln!(out, "{}", r.summary_line());
            Ok(if r.error_count() > 0 { 1 } else { 0 })
        }
        Err((_, Some(f))) => Err(f),
        Err((e, None)) => {
            for p in &e.problems {
                let _ = writeln!(out, "{p}");
            }
            let mut rows: Vec<usize> = e
                .problems
                .iter()
                .filter(|p| p.is_error())
                .filter_map(|p| p.row)
                .collect();
            rows.sort_unstable();
            rows.dedup();
            let errors = e.problems.iter().filter(|p| p.is_error()).count();
            let _ = writeln!(
                out,
                "{} rows read, 0 loaded, {errors} errors, {} warnings",
                rows.len(),
                e.problems.len() - errors
            );
            let _ = out.flush();
            eprintln!("kyoto: {path}: {}", e.message);
            let named = std::path::Path::new(path)
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(kyoto_widgets::core::progress::Table::from_name);
            if let Some(table) = named.filter(|_| !e.rows_had_errors()) {
                eprintln!(
                    "kyoto: '{path}' is named like the {table} table of progress data: check it with 'kyoto validate --progress {path}'"
                );
            }
            Ok(if e.rows_had_errors() { 1 } else { 2 })
        }
    }
}

/// `validate` of progress tables: every problem on stdout, one line each,
/// then the counts per table.
fn validate_progress(paths: &[String]) -> Outcome {
    let read = check_progress(paths)?;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for p in &read.problems {
        let _ = writeln!(out, "{p}");
    }
    let _ = writeln!(out, "{}", read.summary_line());
    let _ = out.flush();
    if let Some(message) = read.refusal() {
        eprintln!("kyoto: {}: {message}", paths.join(", "));
        if read.tables.is_empty() {
            if let [path] = paths {
                if Workbook::at(path).is_some() {
                    eprintln!(
                        "kyoto: an activity export is read as CSV or JSON: save its sheet as 'CSV UTF-8'"
                    );
                }
            }
        }
        let rows_had_errors = read
            .problems
            .iter()
            .any(|p| p.is_error() && p.problem.row.is_some());
        return Ok(if rows_had_errors { 1 } else { 2 });
    }
    Ok(if read.error_count() > 0 { 1 } else { 0 })
}

fn status_option(args: &Args) -> Result<SummaryOptions, Failure> {
    let Some(list) = args.value("--status") else {
        return Ok(SummaryOptions::default());
    };
    let mut statuses = Vec::new();
    for word in list.split(',').map(str::trim).filter(|w| !w.is_empty()) {
        match Status::parse(word) {
            Some(s) => statuses.push(s),
            None => {
                return Err(Failure::usage(format!(
                    "--status: '{word}' is not completed, ongoing or planned"
                )))
            }
        }
    }
    Ok(SummaryOptions::only(&statuses))
}

fn summary(args: &[String]) -> Outcome {
    let args = Args::parse(args, &["--format", "--status"], &[])?;
    args.at_most(1, "summary takes at most one FILE")?;
    let format = format_option(&args)?;
    let options = status_option(&args)?;
    let loaded;
    let report: &ImportReport = match args.positional.first() {
        Some(path) => {
            loaded = load_quietly(path)?;
            &loaded.report
        }
        None => sample(),
    };
    let s = summarize(&report.dataset, &options);
    let text = match format {
        Format::Json => json_text(&s)?,
        Format::Table => summary_table(report, &s),
    };
    print!("{text}");
    Ok(0)
}

fn compare(args: &[String]) -> Outcome {
    let args = Args::parse(args, &[], &[])?;
    let (Some(before), Some(after)) = (args.positional.first(), args.positional.get(1)) else {
        return Err(Failure::usage(
            "compare needs two FILEs (see 'kyoto help compare')",
        ));
    };
    args.at_most(2, "compare takes two FILEs")?;
    let old = load_quietly(before)?;
    let new = load_quietly(after)?;
    let d = diff(&old.report.dataset, &new.report.dataset);
    let (header, rows) = comparison_table(&d, Locale::english());
    println!(
        "{} in {before}, {} in {after}: {} new, {} removed, {} changed status, {} updated",
        count(
            old.report.dataset.activities.len(),
            "activity",
            "activities"
        ),
        new.report.dataset.activities.len(),
        d.added,
        d.removed,
        d.status_changed,
        d.edited
    );
    println!();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    print!("{}", table(&header, &rows));
    Ok(0)
}

fn json_text<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    let mut text = serde_json::to_string_pretty(value).map_err(|e| Failure {
        message: format!("cannot write JSON: {e}"),
        code: 2,
    })?;
    text.push('\n');
    Ok(text)
}

fn convert(args: &[String]) -> Outcome {
    let args = Args::parse(args, &["--to", "--out", "--delimiter"], &["--excel"])?;
    args.at_most(1, "convert takes one FILE")?;
    let Some(path) = args.positional.first() else {
        return Err(Failure::usage(
            "convert needs a FILE (see 'kyoto help convert')",
        ));
    };
    let to = args
        .value("--to")
        .ok_or_else(|| Failure::usage("convert needs --to json or --to csv"))?;
    let csv_options = csv_options(&args)?;
    let outcome = load_quietly(path)?;
    let dataset = &outcome.report.dataset;
    let extra = Some(&outcome.extra);
    let text = match to {
        "json" => write_json(dataset, extra),
        "csv" => write_csv(dataset, extra, &csv_options),
        other => {
            return Err(Failure::usage(format!(
                "--to must be json or csv, not '{other}'"
            )))
        }
    };
    emit(&args, &text)
}

fn csv_options(args: &Args) -> Result<CsvOptions, Failure> {
    let mut options = if args.flag("--excel") {
        CsvOptions::excel()
    } else {
        CsvOptions::default()
    };
    if let Some(d) = args.value("--delimiter") {
        options.delimiter = match d {
            "," | "comma" => ',',
            ";" | "semicolon" => ';',
            "tab" | "\\t" | "\t" => '\t',
            other => {
                return Err(Failure::usage(format!(
                    "--delimiter must be ',', ';' or 'tab', not '{other}'"
                )))
            }
        };
    }
    Ok(options)
}

/// Writes to `--out FILE` or stdout.
fn emit(args: &Args, text: &str) -> Outcome {
    match args.value("--out") {
        Some(path) => std::fs::write(path, text).map_err(|e| cannot_write(path, &e))?,
        None => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            out.write_all(text.as_bytes())
                .and_then(|()| out.flush())
                .map_err(|e| Failure {
                    message: format!("cannot write to stdout: {e}"),
                    code: 2,
                })?;
        }
    }
    Ok(0)
}

fn generate(args: &[String]) -> Outcome {
    let args = Args::parse(args, &["--seed", "--to", "--out"], &[])?;
    args.at_most(1, "generate takes one N")?;
    let progress = match args.positional.first().map(String::as_str) {
        Some("indicators") => Some(SyntheticProgress::Indicators),
        Some("reporting") => Some(SyntheticProgress::Reporting),
        _ => None,
    };
    if let Some(kind) = progress {
        return generate_progress(&args, kind);
    }
    let n: usize = match args.positional.first() {
        Some(n) => n
            .parse()
            .map_err(|_| Failure::usage(format!("N must be a whole number, not '{n}'")))?,
        None => {
            return Err(Failure::usage(
                "generate needs N (see 'kyoto help generate')",
            ))
        }
    };
    let seed: u64 = match args.value("--seed") {
        Some(s) => s
            .parse()
            .map_err(|_| Failure::usage(format!("--seed must be a whole number, not '{s}'")))?,
        None => 1,
    };
    let limit = ImportLimits::default().max_rows;
    if n > limit {
        return Err(Failure::usage(format!(
            "N is at most {limit}, the import limit on rows"
        )));
    }
    let data = synthetic_export(n, seed);
    let text = match args.value("--to").unwrap_or("csv") {
        "csv" => write_csv(&data, None, &CsvOptions::default()),
        "json" => write_json(&data, None),
        other => {
            return Err(Failure::usage(format!(
                "--to must be csv or json, not '{other}'"
            )))
        }
    };
    emit(&args, &text)
}

/// `generate indicators|reporting`: the progress tables of the benchmarks,
/// one CSV file per table in the folder `--out`, or one JSON document.
fn generate_progress(args: &Args, kind: SyntheticProgress) -> Outcome {
    if args.value("--seed").is_some() {
        return Err(Failure::usage(
            "--seed is for activities: the progress tables have one fixed generator",
        ));
    }
    match args.value("--to").unwrap_or("csv") {
        "json" => emit(args, &kind.json()),
        "csv" => {
            let Some(dir) = args.value("--out") else {
                return Err(Failure::usage(
                    "progress tables as CSV are one file per table: give the folder with --out",
                ));
            };
            std::fs::create_dir_all(dir).map_err(|e| cannot_write(dir, &e))?;
            for (name, text) in kind.csv() {
                let path = std::path::Path::new(dir).join(name);
                std::fs::write(&path, text)
                    .map_err(|e| cannot_write(&path.display().to_string(), &e))?;
            }
            Ok(0)
        }
        other => Err(Failure::usage(format!(
            "--to must be csv or json, not '{other}'"
        ))),
    }
}

/// One paragraph as `paragraphs --format json` writes it.
#[derive(serde::Serialize)]
struct ParagraphRow<'a> {
    number: u8,
    part: &'static str,
    pillar: Option<&'static str>,
    theme: Option<&'a str>,
    text: &'a str,
}

fn paragraphs(args: &[String]) -> Outcome {
    let args = Args::parse(args, &["--pillar", "--format"], &[])?;
    args.at_most(0, "paragraphs takes no FILE")?;
    let format = format_option(&args)?;
    let pillar = match args.value("--pillar") {
        None => None,
        Some(p) => Some(Pillar::parse(p).ok_or_else(|| {
            Failure::usage(format!("--pillar must be I, II, III or IV, not '{p}'"))
        })?),
    };
    let declaration = Declaration::get();
    let rows: Vec<ParagraphRow> = declaration
        .paragraphs
        .iter()
        .filter(|p| pillar.is_none() || p.pillar == pillar)
        .map(|p| ParagraphRow {
            number: p.number,
            part: p.part.as_str(),
            pillar: p.pillar.map(Pillar::numeral),
            theme: p.theme.as_deref(),
            text: &p.text,
        })
        .collect();
    let text = match format {
        Format::Json => json_text(&rows)?,
        Format::Table => {
            let mut out = String::new();
            for r in &rows {
                let mut head = format!("{:>2}  {}", r.number, r.part);
                if let Some(p) = r.pillar {
                    head.push_str(&format!(", pillar {p}"));
                }
                if let Some(t) = r.theme {
                    head.push_str(&format!(", {t}"));
                }
                out.push_str(&head);
                out.push('\n');
                out.push_str(&format!("    {}\n", r.text));
            }
            out
        }
    };
    print!("{text}");
    Ok(0)
}

// ---- summary table --------------------------------------------------------

/// Right-aligns every column but the first.
fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let cols = header.len();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let pad = w.saturating_sub(cell.chars().count());
            if i == 0 {
                s.push_str(cell);
                if cols > 1 {
                    s.push_str(&" ".repeat(pad));
                }
            } else {
                s.push_str("  ");
                s.push_str(&" ".repeat(pad));
                s.push_str(cell);
            }
        }
        s.trim_end().to_string() + "\n"
    };
    let mut out = line(header.to_vec());
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

fn clip(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
        s.push('…');
        s
    }
}

fn progress_cells(label: String, p: &GroupProgress, coverage: bool) -> Vec<String> {
    let [c, o, pl] = p.by_status;
    let mut row = vec![label];
    if coverage {
        row.push(p.coverage_label());
    }
    row.extend([
        p.activities.to_string(),
        c.to_string(),
        o.to_string(),
        pl.to_string(),
        p.mean_progress
            .map_or_else(|| "-".to_string(), |m| format!("{m:.0}%")),
    ]);
    row
}

const GROUP_HEADER: [&str; 7] = [
    "",
    "covered",
    "activities",
    "completed",
    "ongoing",
    "planned",
    "mean progress",
];

fn summary_table(report: &ImportReport, s: &Summary) -> String {
    let mut out = String::new();
    if let Some(t) = &report.dataset.title {
        out.push_str(&format!("{t}\n"));
    }
    let counted: Vec<&str> = Status::ALL
        .iter()
        .filter(|st| s.options.counts(**st))
        .map(|st| st.as_str())
        .collect();
    out.push_str(&format!(
        "{} counted ({}) of {} in the dataset; {} of 97 paragraphs have an activity\n\n",
        count(s.totals.progress.activities, "activity", "activities"),
        if counted.is_empty() {
            "no status".to_string()
        } else {
            counted.join(", ")
        },
        s.totals.dataset_activities,
        s.totals.progress.covered
    ));

    let mut header = GROUP_HEADER;
    header[0] = "Part";
    let rows: Vec<Vec<String>> = s
        .parts
        .iter()
        .map(|p| {
            progress_cells(
                format!("{} ({}–{})", p.heading, p.range.0, p.range.1),
                &p.progress,
                true,
            )
        })
        .chain(std::iter::once(progress_cells(
            "All paragraphs".into(),
            &s.totals.progress,
            true,
        )))
        .collect();
    out.push_str(&table(&header, &rows));
    out.push('\n');

    header[0] = "Pillar";
    let rows: Vec<Vec<String>> = s
        .pillars
        .iter()
        .map(|p| {
            progress_cells(
                format!(
                    "{:<3} {} ({}–{})",
                    p.pillar.numeral(),
                    clip(&p.heading, 40),
                    p.range.0,
                    p.range.1
                ),
                &p.progress,
                true,
            )
        })
        .collect();
    out.push_str(&table(&header, &rows));
    out.push('\n');

    if !s.themes.is_empty() {
        header[0] = "Theme";
        let rows: Vec<Vec<String>> = s
            .themes
            .iter()
            .map(|t| {
                progress_cells(
                    format!(
                        "{:<3} {} ({})",
                        t.pillar.numeral(),
                        clip(&t.heading, 48),
                        format_paragraph_refs(&t.paragraph_numbers)
                    ),
                    &t.progress,
                    true,
                )
            })
            .collect();
        out.push_str(&table(&header, &rows));
        out.push('\n');
    }

    out.push_str(&format!(
        "Paragraphs with no activity ({}): {}\n\n",
        s.uncovered.len(),
        if s.uncovered.is_empty() {
            "none".to_string()
        } else {
            format_paragraph_refs(&s.uncovered)
        }
    ));

    let count_header = ["", "activities", "completed", "ongoing", "planned"];
    let count_row = |label: String, c: &kyoto_widgets::core::aggregate::StatusCount| {
        let [a, b, d] = c.by_status;
        vec![
            label,
            c.activities.to_string(),
            a.to_string(),
            b.to_string(),
            d.to_string(),
        ]
    };
    let mut h = count_header;
    h[0] = "SDG";
    let rows: Vec<Vec<String>> = s
        .by_sdg
        .iter()
        .filter(|g| g.count.activities > 0)
        .map(|g| count_row(format!("Goal {}", g.goal), &g.count))
        .collect();
    if !rows.is_empty() {
        out.push_str(&table(&h, &rows));
    }
    out.push_str(&format!("(no goal: {})\n\n", s.totals.without_sdg));

    h[0] = "Track";
    let rows: Vec<Vec<String>> = s
        .by_track
        .iter()
        .map(|t| count_row(t.track.as_str().to_string(), &t.count))
        .collect();
    out.push_str(&table(&h, &rows));
    out.push_str(&format!("(no track: {})\n\n", s.totals.without_track));

    h[0] = "Lead";
    let rows: Vec<Vec<String>> = s
        .by_lead
        .iter()
        .map(|l| count_row(clip(&l.lead, 52), &l.count))
        .collect();
    if !rows.is_empty() {
        out.push_str(&table(&h, &rows));
    }
    out.push_str(&format!("(no lead: {})\n\n", s.totals.without_lead));

    let rows: Vec<Vec<String>> = s
        .timeline
        .quarters
        .iter()
        .map(|q| {
            let mut row = vec![
                q.label.clone(),
                q.started.to_string(),
                q.cumulative.to_string(),
            ];
            row.extend(q.cumulative_by_pillar.iter().map(u32::to_string));
            row
        })
        .collect();
    if !rows.is_empty() {
        out.push_str(&table(
            &[
                "Started",
                "in quarter",
                "cumulative",
                "I",
                "II",
                "III",
                "IV",
            ],
            &rows,
        ));
    }
    out.push_str(&format!(
        "(no start date: {}; year only, counted in Q1: {})\n",
        s.timeline.undated, s.timeline.year_only
    ));
    out
}

fn render(args: &[String]) -> Outcome {
    use kyoto_widgets::core::chart::{timeline_layout, ChartLocale, ChartState, Level, Measure};
    use kyoto_widgets::core::layout::EstimatedText;
    use kyoto_widgets::render::{bars_png, bars_svg, lines_png, lines_svg, DrawState, Palette};

    let args = Args::parse(
        args,
        &[
            "--out",
            "--chart",
            "--pillar",
            "--theme-index",
            "--view",
            "--measure",
            "--progress",
            "--colours",
            "--width",
            "--scale",
            "--font",
        ],
        &[],
    )?;
    args.at_most(1, "render takes at most one FILE")?;
    let out = args
        .value("--out")
        .ok_or_else(|| Failure::usage("render needs --out FILE.svg or FILE.png"))?;
    let png = out_is_png(out)?;
    let number =
        |name: &str, default: f64, lo: f64, hi: f64| number_option(&args, name, default, lo, hi);
    let width = number("--width", 800.0, 200.0, 4000.0)?;
    let scale = number("--scale", 2.0, 0.5, 8.0)?;
    let pillar = match args.value("--pillar") {
        None => None,
        Some(p) => Some(Pillar::parse(p).ok_or_else(|| {
            Failure::usage(format!("--pillar must be I, II, III or IV, not '{p}'"))
        })?),
    };
    let chart = args.value("--chart").unwrap_or("pillars");
    let level = match chart {
        "pillars" | "timeline" => Level::Overview,
        "themes" => {
            Level::Pillar(pillar.ok_or_else(|| Failure::usage("--chart themes needs --pillar"))?)
        }
        "paragraphs" => {
            let p = pillar.ok_or_else(|| Failure::usage("--chart paragraphs needs --pillar"))?;
            let count = Declaration::get().pillar(p).map_or(0, |s| s.themes.len());
            let n = number("--theme-index", 1.0, 1.0, count as f64)? as usize;
            Level::Theme(p, n - 1)
        }
        other => {
            return Err(Failure::usage(format!(
                "--chart must be pillars, themes, paragraphs or timeline, not '{other}'"
            )))
        }
    };
    let progress = match args.value("--progress") {
        Some(path) => Some(read_digest(path)?),
        None => None,
    };
    let view = args.value("--view").or(args.value("--measure"));
    let measure = match (chart, view) {
        ("timeline", _) => Measure::Timeline,
        (_, None | Some("coverage")) => Measure::Coverage,
        (_, Some("status")) => Measure::Status,
        (_, Some(v @ ("reporting" | "indicators"))) if progress.is_some() => Measure::parse(v),
        (_, Some(v @ ("reporting" | "indicators"))) => {
            return Err(Failure::usage(format!(
                "--view {v} needs --progress FILE (progress tables or their digest)"
            )))
        }
        (_, Some(other)) => {
            return Err(Failure::usage(format!(
                "--view must be coverage, status, reporting or indicators, not '{other}'"
            )))
        }
    };
    let palette = match args.value("--colours").unwrap_or("light") {
        c @ ("light" | "dark" | "high-contrast") => Palette::named(c),
        other => {
            return Err(Failure::usage(format!(
                "--colours must be light, dark or high-contrast, not '{other}'"
            )))
        }
    };
    let loaded;
    let report: &ImportReport = match args.positional.first() {
        Some(path) => {
            loaded = load_quietly(path)?;
            &loaded.report
        }
        None => sample(),
    };
    let summary = summarize(&report.dataset, &SummaryOptions::default());
    let state = ChartState {
        level,
        measure,
        ..Default::default()
    };
    let fail = |message: String| Failure { message, code: 2 };
    let font = if png {
        Some(load_font(args.value("--font"))?)
    } else {
        None
    };
    let path = std::path::Path::new(out);
    // The command line draws in English, with plain digits.
    let english = ChartLocale::english();
    if measure == Measure::Timeline {
        let layout = timeline_layout(&summary, width, 14.0, english, &EstimatedText);
        match font {
            Some(f) => draw_png(out, || lines_png(path, &layout, &palette, scale, f))?,
            None => std::fs::write(path, lines_svg(&layout, &palette).map_err(fail)?)
                .map_err(|e| cannot_write(out, &e))?,
        }
    } else {
        let bars = state.bars(&summary, Declaration::get(), english, progress.as_ref());
        let layout = state.layout(&bars, width, 14.0, false, english, &EstimatedText);
        match font {
            Some(f) => draw_png(out, || bars_png(path, &layout, &palette, scale, f))?,
            None => std::fs::write(
                path,
                bars_svg(&layout, &palette, &DrawState::default()).map_err(fail)?,
            )
            .map_err(|e| cannot_write(out, &e))?,
        }
        eprintln!("kyoto: {out}: {}", count(bars.len(), "bar", "bars"));
    }
    Ok(0)
}

fn indicators(args: &[String]) -> Outcome {
    use kyoto_widgets::core::chart::{ChartLocale, PlainNumbers};
    use kyoto_widgets::core::i18n::{Catalog, Lang};
    use kyoto_widgets::core::indicators::layout::{
        layout_detail, layout_overview, IndicatorsLayoutOptions,
    };
    use kyoto_widgets::core::indicators::{
        breakdown_text, detail, overview, parse_breakdown, IndicatorIndex,
    };
    use kyoto_widgets::core::layout::EstimatedText;
    use kyoto_widgets::core::progress::Area;
    use kyoto_widgets::render::indicators::{
        detail_svg, draw_detail, draw_overview, overview_svg, png_of, IndicatorColours,
    };

    let args = Args::parse(
        args,
        &[
            "-o",
            "--out",
            "--area",
            "--breakdown",
            "--pillar",
            "--indicator",
            "--lang",
            "--theme",
            "--width",
            "--scale",
            "--font",
        ],
        &[],
    )?;
    if args.positional.is_empty() {
        return Err(Failure::usage(
            "indicators needs FILES: a workbook, or CSV or JSON files (see 'kyoto help indicators')",
        ));
    }
    let out = args
        .value("--out")
        .or_else(|| args.value("-o"))
        .ok_or_else(|| Failure::usage("indicators needs -o FILE.svg or FILE.png"))?;
    let png = out_is_png(out)?;
    let width = number_option(&args, "--width", 800.0, 320.0, 4000.0)?;
    let scale = number_option(&args, "--scale", 2.0, 0.5, 8.0)?;
    let lang = match args.value("--lang") {
        None => Lang::En,
        Some(l) => Lang::parse(l).ok_or_else(|| {
            Failure::usage(format!(
                "--lang must be ar, en, es, fr, ru or zh, not '{l}'"
            ))
        })?,
    };
    png_speaks(png, lang)?;
    let colours = match args.value("--theme").unwrap_or("light") {
        t @ ("light" | "dark" | "high-contrast") => IndicatorColours::named(t),
        other => {
            return Err(Failure::usage(format!(
                "--theme must be light, dark or high-contrast, not '{other}'"
            )))
        }
    };
    let breakdown = parse_breakdown(args.value("--breakdown").unwrap_or("total"))
        .map_err(|e| Failure::usage(format!("--breakdown: {e}")))?;
    let area = match args.value("--area") {
        None => None,
        Some(code) => {
            Some(Area::parse(code).map_err(|e| Failure::usage(format!("--area '{code}': {e}")))?)
        }
    };
    let pillar = match args.value("--pillar") {
        None => None,
        Some(p) => Some(Pillar::parse(p).ok_or_else(|| {
            Failure::usage(format!("--pillar must be I, II, III or IV, not '{p}'"))
        })?),
    };
    let read = load_progress(&args.positional)?;
    let data = &read.dataset;
    if data.indicators.is_empty() {
        return Err(Failure {
            message: format!(
                "{}: no indicator loaded (the indicators table is missing or has no valid row)",
                args.positional.join(", ")
            ),
            code: 2,
        });
    }
    let index = IndicatorIndex::new(data);
    if let Some(a) = area {
        if !index.areas().iter().any(|d| d.area == a) {
            let with: Vec<String> = index.areas().iter().map(|d| d.area.to_string()).collect();
            return Err(Failure::usage(format!(
                "--area {a}: no data for that area; the areas with data: {}",
                with.join(", ")
            )));
        }
    }
    let locale = ChartLocale {
        text: Catalog::get(lang),
        numbers: &PlainNumbers,
    };
    let fail = |message: String| Failure { message, code: 2 };
    let font = if png {
        Some(load_font(args.value("--font"))?)
    } else {
        None
    };
    let k = if png { scale } else { 1.0 };
    let options = IndicatorsLayoutOptions {
        width: width * k,
        font_px: 14.0 * k,
        rtl: lang.is_rtl(),
    };
    let path = std::path::Path::new(out);
    let written = |e: std::io::Error| cannot_write(out, &e);
    match args.value("--indicator") {
        Some(id) => {
            let Some(d) = detail(data, &index, id, area) else {
                let ids: Vec<&str> = data.indicators.iter().map(|i| i.id.as_str()).collect();
                return Err(Failure::usage(format!(
                    "--indicator '{id}' is not in the indicators table; its ids: {}",
                    ids.join(", ")
                )));
            };
            if let Some(p) = pillar.filter(|p| *p != d.indicator.pillar) {
                return Err(Failure::usage(format!(
                    "--indicator {id} is of pillar {}, not of --pillar {p}",
                    d.indicator.pillar
                )));
            }
            let layout = layout_detail(&d, &options, locale, &EstimatedText);
            match font {
                Some(f) => draw_png(out, || {
                    png_of(path, layout.width, layout.height, f, |a| {
                        draw_detail(a, &layout, &colours, None)
                    })
                })?,
                None => std::fs::write(path, detail_svg(&layout, &colours).map_err(fail)?)
                    .map_err(written)?,
            }
            eprintln!(
                "kyoto: {out}: {}, {} series, {}",
                d.indicator.id,
                d.series.len(),
                count(d.rows.len(), "observation", "observations")
            );
        }
        None => {
            let view = overview(data, &index, area, &breakdown, pillar);
            let offered = view.breakdowns();
            let known = breakdown.0.iter().all(|(dim, value)| {
                offered
                    .iter()
                    .any(|d| &d.dimension == dim && d.values.contains(value))
            });
            if !known {
                let list: Vec<String> = offered
                    .iter()
                    .map(|d| format!("{}={}", d.dimension, d.values.join("|")))
                    .collect();
                return Err(Failure::usage(format!(
                    "--breakdown {}: no indicator has data for it in {}; the breakdowns there: {}",
                    breakdown_text(&breakdown),
                    view.area,
                    if list.is_empty() {
                        "none".to_string()
                    } else {
                        list.join(", ")
                    }
                )));
            }
            let layout = layout_overview(&view, &options, locale, &EstimatedText);
            match font {
                Some(f) => draw_png(out, || {
                    png_of(path, layout.width, layout.height, f, |a| {
                        draw_overview(a, &layout, &colours, None)
                    })
                })?,
                None => std::fs::write(path, overview_svg(&layout, &colours).map_err(fail)?)
                    .map_err(written)?,
            }
            let mut counts = [0usize; 4];
            for r in view.rows() {
                let at = match r.status() {
                    Some(ProgressStatus::OnTrack) => 0,
                    Some(ProgressStatus::Moderate) => 1,
                    Some(ProgressStatus::StagnationOrRegression) => 2,
                    None => 3,
                };
                if let Some(c) = counts.get_mut(at) {
                    *c += 1;
                }
            }
            let [on, moderate, stagnation, none] = counts;
            let of_pillar = pillar.map_or(String::new(), |p| format!(" of pillar {p}"));
            eprintln!(
                "kyoto: {out}: {}{of_pillar} in {}, {}: {on} on track, {moderate} moderate progress, {stagnation} stagnation or regression, {none} not assessed",
                count(view.rows().count(), "indicator", "indicators"),
                view.area,
                breakdown_text(&breakdown),
            );
        }
    }
    Ok(0)
}

/// A PNG in a right-to-left language is refused: the bitmap backend neither
/// shapes Arabic nor orders it right to left.
fn png_speaks(png: bool, lang: kyoto_widgets::core::i18n::Lang) -> Result<(), Failure> {
    if png && lang.is_rtl() {
        return Err(Failure::usage(
            "PNG text has no Arabic shaping: write .svg for --lang ar (browsers shape it), or PNG in another language",
        ));
    }
    Ok(())
}

/// Whether `--out` names a PNG (else an SVG); any other extension is a
/// usage error.
fn out_is_png(out: &str) -> Result<bool, Failure> {
    match std::path::Path::new(out)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => Ok(false),
        Some("png") => Ok(true),
        _ => Err(Failure::usage(format!(
            "--out must end in .svg or .png, not '{out}'"
        ))),
    }
}

/// A number option from `lo` to `hi`, `default` when not given.
fn number_option(args: &Args, name: &str, default: f64, lo: f64, hi: f64) -> Result<f64, Failure> {
    match args.value(name) {
        None => Ok(default),
        Some(v) => v
            .parse::<f64>()
            .ok()
            .filter(|x| (lo..=hi).contains(x))
            .ok_or_else(|| {
                Failure::usage(format!(
                    "{name} must be a number from {lo} to {hi}, not '{v}'"
                ))
            }),
    }
}

/// The font PNG text is drawn with: the given file, else a system font.
fn load_font(path: Option<&str>) -> Result<&'static [u8], Failure> {
    const SYSTEM: [&str; 3] = [
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ];
    let candidates: Vec<&str> = match path {
        Some(p) => vec![p],
        None => SYSTEM.to_vec(),
    };
    for c in &candidates {
        if let Ok(bytes) = std::fs::read(c) {
            // The font lives as long as the process: leaked once, on purpose.
            return Ok(Box::leak(bytes.into_boxed_slice()));
        }
    }
    Err(Failure {
        message: format!(
            "PNG needs a TrueType font and none was found ({}); install fonts-noto-core, pass --font, or write .svg",
            candidates.join(", ")
        ),
        code: 2,
    })
}

/// Reads `--progress FILE`: a digest as it is, else the tables, summed up.
fn read_digest(path: &str) -> Result<ProgressDigest, Failure> {
    let bytes = read_input(path, &kyoto_widgets::core::progress::LIMITS)?;
    if is_digest(&bytes) {
        let text = String::from_utf8_lossy(&bytes);
        return ProgressDigest::from_json(&text).map_err(|e| Failure {
            message: format!("{path}: {e}"),
            code: 1,
        });
    }
    let tables = load_progress(&[path.to_string()])?;
    Ok(ProgressDigest::of(&tables, today()))
}

fn digest(args: &[String]) -> Outcome {
    use kyoto_widgets::core::import::parse_date;
    let args = Args::parse(args, &["--out", "-o", "--as-of"], &[])?;
    if args.positional.is_empty() {
        return Err(Failure::usage(
            "digest needs the progress tables: a workbook, or CSV or JSON files",
        ));
    }
    let out = args
        .value("--out")
        .or(args.value("-o"))
        .ok_or_else(|| Failure::usage("digest needs --out DIGEST.json"))?;
    let as_of = match args.value("--as-of") {
        None => today(),
        Some(v) => Some(
            parse_date(v)
                .ok()
                .filter(|d| d.day.is_some())
                .ok_or_else(|| {
                    Failure::usage(format!("--as-of must be a day, YYYY-MM-DD, not '{v}'"))
                })?,
        ),
    };
    let tables = load_progress(&args.positional)?;
    let json = ProgressDigest::of(&tables, as_of).to_json() + "\n";
    if out == "-" {
        std::io::stdout()
            .write_all(json.as_bytes())
            .map_err(|e| Failure {
                message: format!("cannot write to stdout: {e}"),
                code: 2,
            })?;
    } else {
        std::fs::write(out, &json).map_err(|e| cannot_write(out, &e))?;
        eprintln!("kyoto: {out}: digest of {}", tables.summary_line());
    }
    Ok(0)
}

/// Reads the tables of a progress export: one workbook, or one CSV or JSON
/// file per table, with the progress limits. Every problem is listed on
/// stderr, one line each as docs/progress-data-format.md writes them, then
/// the counts.
fn load_progress(
    paths: &[String],
) -> Result<kyoto_widgets::core::progress::ProgressImport, Failure> {
    let read = check_progress(paths)?;
    for p in &read.problems {
        eprintln!("{p}");
    }
    if let Some(message) = read.refusal() {
        return Err(Failure {
            message: format!("cannot read the tables: {message}"),
            code: 2,
        });
    }
    if !read.problems.is_empty() {
        eprintln!("kyoto: {}", read.summary_line());
    }
    Ok(read)
}

/// Reads the tables of a progress export, however few rows load: an error
/// only for input that cannot be read at all.
fn check_progress(
    paths: &[String],
) -> Result<kyoto_widgets::core::progress::ProgressImport, Failure> {
    use kyoto_widgets::core::progress::{check_files, LIMITS};
    let mut files = Vec::with_capacity(paths.len());
    for path in paths {
        let bytes = read_input(path, &LIMITS)?;
        match Workbook::of(&bytes) {
            Some(Workbook::Xls) => return Err(xls_failure(path)),
            Some(Workbook::Zip) if paths.len() > 1 => {
                return Err(Failure::usage(format!(
                    "'{path}' is a workbook: give it alone, or the tables as CSV or JSON files"
                )))
            }
            _ => {}
        }
        files.push((path.as_str(), bytes));
    }
    // Tables are told by their file names (responses.csv), not paths.
    let named: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(p, b)| {
            let name = std::path::Path::new(p)
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(p);
            (name, b.as_slice())
        })
        .collect();
    check_files(&named, &LIMITS).map_err(|e| Failure {
        message: match files.as_slice() {
            [(path, bytes)] if Workbook::of(bytes).is_some() => {
                format!("cannot read the workbook '{path}': {e}")
            }
            _ => format!("cannot read the tables: {e}"),
        },
        code: 2,
    })
}

/// Today's date (UTC), from the system clock.
fn today() -> Option<kyoto_widgets::core::model::PartialDate> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    // Days to a civil date (Howard Hinnant's algorithm).
    let z = i64::try_from(secs / 86_400).ok()? + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    kyoto_widgets::core::model::PartialDate::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok(),
        u8::try_from(day).ok(),
    )
}

fn reporting(args: &[String]) -> Outcome {
    use kyoto_widgets::core::chart::{ChartLocale, PlainNumbers};
    use kyoto_widgets::core::i18n::{Arg, Catalog, Lang};
    use kyoto_widgets::core::import::parse_date;
    use kyoto_widgets::core::layout::{BarLayoutOptions, EstimatedText};
    use kyoto_widgets::core::progress::reporting::ReportingOptions;
    use kyoto_widgets::core::reporting_board::tile_grid::{
        english_name, layout_tile_map, TileMapOptions,
    };
    use kyoto_widgets::core::reporting_board::{
        layout_captioned_bars, question_bars, question_legend, ReportStatus, ReportingBoard,
    };
    use kyoto_widgets::render::reporting::ReportingDrawing;
    use kyoto_widgets::render::Palette;

    let args = Args::parse(
        args,
        &[
            "-o",
            "--out",
            "--view",
            "--cycle",
            "--pillar",
            "--question",
            "--as-of",
            "--lang",
            "--theme",
            "--colours",
            "--width",
            "--scale",
            "--font",
        ],
        &["--all-statuses"],
    )?;
    if args.positional.is_empty() {
        return Err(Failure::usage(
            "reporting needs the tables: a workbook (.xlsx, .ods) or CSV or JSON files (see 'kyoto help reporting')",
        ));
    }
    let out = args
        .value("-o")
        .or_else(|| args.value("--out"))
        .ok_or_else(|| Failure::usage("reporting needs -o FILE.svg or FILE.png"))?;
    let png = match std::path::Path::new(out)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("svg") => false,
        Some("png") => true,
        _ => {
            return Err(Failure::usage(format!(
                "-o must end in .svg or .png, not '{out}'"
            )))
        }
    };
    let number = |name: &str, default: f64, lo: f64, hi: f64| -> Result<f64, Failure> {
        match args.value(name) {
            None => Ok(default),
            Some(v) => v
                .parse::<f64>()
                .ok()
                .filter(|x| (lo..=hi).contains(x))
                .ok_or_else(|| {
                    Failure::usage(format!(
                        "{name} must be a number from {lo} to {hi}, not '{v}'"
                    ))
                }),
        }
    };
    let width = number("--width", 800.0, 240.0, 4000.0)?;
    let scale = number("--scale", 2.0, 0.5, 8.0)?;
    let view = args.value("--view").unwrap_or("overview");
    if !matches!(view, "overview" | "map" | "question") {
        return Err(Failure::usage(format!(
            "--view must be overview, map or question, not '{view}'"
        )));
    }
    let pillar = match args.value("--pillar") {
        None => None,
        Some(p) => Some(Pillar::parse(p).ok_or_else(|| {
            Failure::usage(format!("--pillar must be I, II, III or IV, not '{p}'"))
        })?),
    };
    let lang = match args.value("--lang") {
        None => Lang::En,
        Some(l) => Lang::parse(l).ok_or_else(|| {
            Failure::usage(format!(
                "--lang must be ar, en, es, fr, ru or zh, not '{l}'"
            ))
        })?,
    };
    let palette = match args
        .value("--theme")
        .or_else(|| args.value("--colours"))
        .unwrap_or("light")
    {
        c @ ("light" | "dark" | "high-contrast") => Palette::named(c),
        other => {
            return Err(Failure::usage(format!(
                "--theme must be light, dark or high-contrast, not '{other}'"
            )))
        }
    };
    let as_of = match args.value("--as-of") {
        None => today(),
        Some(d) => Some(parse_date(d).map_err(|e| {
            Failure::usage(format!(
                "--as-of must be a date such as 2026-08-01, not '{d}': {e}"
            ))
        })?),
    };
    png_speaks(png, lang)?;
    let font = if png {
        Some(load_font(args.value("--font"))?)
    } else {
        None
    };
    let read = load_progress(&args.positional)?;
    let dataset = &read.dataset;
    let options = ReportingOptions {
        as_of,
        ..if args.flag("--all-statuses") {
            ReportingOptions::all_statuses()
        } else {
            ReportingOptions::default()
        }
    };
    let mut board = ReportingBoard::new(dataset, options);
    if board.cycles.is_empty() {
        return Err(Failure {
            message: "the tables have no answers or reports: nothing to draw".into(),
            code: 2,
        });
    }
    board
        .select(dataset, args.value("--cycle"), pillar)
        .map_err(|e| Failure::usage(e.to_string()))?;
    let catalog = Catalog::get(lang);
    let locale = ChartLocale {
        text: catalog,
        numbers: &PlainNumbers,
    };
    let rtl = lang.is_rtl();
    let cycle = board
        .selected()
        .map(|c| c.cycle.clone())
        .unwrap_or_default();
    let bar_options = |max: Option<f64>| BarLayoutOptions {
        width,
        font_px: 14.0,
        rtl,
        max,
        tick_suffix: if max.is_some() {
            "%".into()
        } else {
            String::new()
        },
    };
    let (drawing, figures) = match view {
        "overview" => {
            let bars = board.overview_bars(locale);
            let chart = layout_captioned_bars(
                catalog.text("reporting.overview.caption"),
                &bars,
                &ReportingBoard::overview_legend(locale),
                &bar_options(None),
                &EstimatedText,
            );
            let mut lines = Vec::new();
            for p in board.pillars() {
                for (i, c) in board.cycles.iter().enumerate() {
                    let s = board.standing(i, p);
                    let f = c.pillar(p);
                    lines.push(format!(
                        "pillar {} {}: {} answering, {} reporting ({} on time, {} late, {} answers only); reports {} on time, {} late, {} missing, {} not yet due",
                        p.numeral(),
                        c.cycle,
                        count(f.map_or(0, |f| f.states_answered.len()), "State", "States"),
                        s.total(),
                        s.on_time,
                        s.late,
                        s.answered_only,
                        f.map_or(0, |f| f.reports.on_time),
                        f.map_or(0, |f| f.reports.late),
                        f.map_or(0, |f| f.reports.missing),
                        f.map_or(0, |f| f.reports.not_yet_due),
                    ));
                }
            }
            (ReportingDrawing::Bars(chart), lines)
        }
        "map" => {
            let listed: Vec<(kyoto_widgets::core::progress::Area, ReportStatus, String)> = board
                .off_grid()
                .iter()
                .map(|r| {
                    (
                        r.area,
                        r.status,
                        format!("{} {}", r.area, english_name(r.area)),
                    )
                })
                .collect();
            let legend: Vec<(ReportStatus, String)> = ReportStatus::ALL
                .iter()
                .map(|s| (*s, catalog.text(&s.key()).to_string()))
                .collect();
            let layout = layout_tile_map(
                &|a| board.status_of(a),
                &listed,
                &legend,
                catalog.text("reporting.map.off_grid"),
                &TileMapOptions {
                    width,
                    font_px: 13.0,
                    rtl,
                },
                &EstimatedText,
            );
            let counts = board.status_counts();
            let line = ReportStatus::ALL
                .iter()
                .zip(counts)
                .map(|(s, n)| format!("{n} {s}"))
                .collect::<Vec<_>>()
                .join(", ");
            // Areas, as the map colours them and the table lists them (an area
            // owing a report it has not submitted is missing, not on time).
            let mut lines = vec![format!("cycle {cycle}, areas by status: {line}")];
            if !listed.is_empty() {
                lines.push(format!(
                    "off the map: {}",
                    listed
                        .iter()
                        .map(|(a, s, _)| format!("{a} {s}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            (ReportingDrawing::Map(layout), lines)
        }
        _ => {
            let questions = board.questions(dataset);
            let id = match args.value("--question") {
                Some(id) => id.to_string(),
                None => questions.first().map(|q| q.id.clone()).ok_or_else(|| {
                    Failure::usage("the tables have no questions for this pillar")
                })?,
            };
            let (d, bars, max) = question_bars(dataset, &id, Some(&cycle), &board.options, locale)
                .ok_or_else(|| {
                    Failure::usage(format!(
                        "no question '{id}'; the questions are {}",
                        dataset
                            .questions
                            .iter()
                            .map(|q| q.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                })?;
            let caption = catalog.format(
                "reporting.question.caption",
                &[("question", Arg::Str(&id)), ("cycle", Arg::Str(&cycle))],
            );
            let chart = layout_captioned_bars(
                &caption,
                &bars,
                &question_legend(locale),
                &bar_options(max),
                &EstimatedText,
            );
            let mut lines = vec![format!(
                "{id} {cycle}: {} by States, {} by other respondents",
                count(d.state_answers, "answer", "answers"),
                d.stakeholder_answers
            )];
            for c in &d.choices {
                lines.push(format!(
                    "{} ({}): States {}, other respondents {}",
                    c.code, c.label, c.states, c.stakeholders
                ));
            }
            (ReportingDrawing::Bars(chart), lines)
        }
    };
    let fail = |message: String| Failure { message, code: 2 };
    let path = std::path::Path::new(out);
    match font {
        Some(f) => draw_png(out, || drawing.png(path, &palette, scale, f))?,
        None => std::fs::write(path, drawing.svg(&palette).map_err(fail)?)
            .map_err(|e| cannot_write(out, &e))?,
    }
    for line in figures {
        println!("{line}");
    }
    Ok(0)
}
