//! `sucai`: the command line of the writing-material library.
//!
//! The operator's tool: it sees all text. Commands parse their arguments, call the layers
//! below, and print; business rules live in those layers.

// The arguments' doc comments are the `--help` text, where a bare address reads best.
#![allow(rustdoc::bare_urls)]

mod backup;
mod bench;
mod corpus;
mod error;
mod output;

use clap::{Parser, Subcommand};
use error::CliError;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use sucai_index::{SearchIndex, Sort};

// Import, indexing and search allocate many small strings on several threads at once, where
// mimalloc's per-thread heaps beat the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use sucai_ingest::{ImportEvent, ImportOptions, boilerplate};
use sucai_services::entitlement::Caller;
use sucai_services::reading::ArticleView;
use sucai_services::search::{self, SearchRequest};
use sucai_services::suggest;
use sucai_services::{accounts, bundle, export, members, overlap, unix_now};
use sucai_store::{EdgeVerdict, Role};
use sucai_store::{Page, PgStore, SqliteStore, Store};

#[derive(Parser)]
#[command(
    name = "sucai",
    version,
    about = "素材: a self-hosted writing-material library"
)]
struct Cli {
    /// The data folder (database and index).
    #[arg(
        long,
        global = true,
        env = "SUCAI_DATA",
        default_value = "./sucai-data"
    )]
    data: PathBuf,
    /// A PostgreSQL database for the library's records (`postgres://…`), shared by several
    /// servers; the search index stays in the data folder. Default: SQLite in the data folder.
    #[arg(long, global = true, env = "SUCAI_DATABASE_URL")]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Import files and folders (recursively): .txt, .docx, .md, .html.
    Import {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Refuse files larger than this many megabytes.
        #[arg(long, default_value_t = 32)]
        max_file_mb: u64,
    },
    /// 精准搜索: articles containing every term exactly (see the README for the query language).
    Search {
        /// The query; `-term` excludes (no `--` needed).
        #[arg(allow_hyphen_values = true)]
        query: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[arg(long, default_value_t = 0)]
        offset: usize,
        /// Return every hit.
        #[arg(long)]
        all: bool,
        #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
        sort: SortArg,
        /// Also count the hits per category, tag, year and access (JSON `facets`).
        #[arg(long)]
        facets: bool,
    },
    /// 查重: how much of a draft (.txt, .docx, .md or .html) stands in the library, where, and
    /// from which articles.
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// The fewest consecutive characters that count as a match (8–20).
        #[arg(long, default_value_t = sucai_text::overlap::DEFAULT_RUN)]
        min_run: usize,
    },
    /// 快速查找: titles completing a prefix, pinyin initials (slgz → 水利工作…) or an id.
    Suggest {
        prefix: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Serve the library over HTTP: a JSON API under /api/v1 (anonymous callers read the free
    /// preview), health at /healthz.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: String,
        /// Watch this folder: files dropped in are imported once they stop changing, then moved
        /// to its done/ or rejected/ folder with their report beside them.
        #[arg(long)]
        inbox: Option<PathBuf>,
        /// A reverse proxy in front of the server (repeatable): its X-Forwarded-For names the
        /// client that limits count. Without it the header is ignored.
        #[arg(long = "trusted-proxy", value_name = "IP")]
        trusted_proxies: Vec<std::net::IpAddr>,
        /// Answers a day that tell a reader of the previews that members-only text matched
        /// (search and 查重), per account.
        #[arg(long, default_value_t = sucai_services::limits::PAID_HINTS_PER_ACCOUNT)]
        paid_hints_per_account: i64,
        /// The same, per address (an office shares one).
        #[arg(long, default_value_t = sucai_services::limits::PAID_HINTS_PER_ADDRESS)]
        paid_hints_per_address: i64,
        /// The site's address as readers reach it (https://example.org behind a proxy): feed
        /// ids and links are made from it, never from a request's Host header.
        /// Default: http://ADDR.
        #[arg(long, env = "SUCAI_PUBLIC_URL")]
        public_url: Option<String>,
    },
    /// Write an article as a file (.docx in the official layout, .txt, .md): the operator's copy,
    /// not counted as a member's download.
    Export {
        id: i64,
        #[arg(long, default_value = "docx")]
        format: String,
        /// For .txt: utf-8 (default) or gb18030.
        #[arg(long, default_value = "utf-8")]
        encoding: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Accounts: add users, grant memberships, reset passwords.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Redeem codes (卡密).
    Code {
        #[command(subcommand)]
        action: CodeAction,
    },
    /// Boilerplate: the lines cut from the edges of imported files (site navigation, licence
    /// and copyright lines, 来源/责任编辑, the publisher's advertising) and kept on the material.
    Boilerplate {
        #[command(subcommand)]
        action: BoilerplateAction,
    },
    /// Tag words: the generic words that never make a tag (图片, 本报讯, 发展…) and the
    /// operator's changes to that list (`sucai reprocess` applies them to the library).
    TagWords {
        #[command(subcommand)]
        action: TagWordsAction,
    },
    /// Read every material again from its original under today's rules (boilerplate learned
    /// or judged since it was imported) and rewrite its articles in place, same ids.
    Reprocess {
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index from the store.
    Reindex,
    /// The day's new articles as Word files, one zip per tier (what the tier covers) with an
    /// index, for the members' shared drives.
    Bundle {
        /// The Beijing day, e.g. 2026-11-25 (default: today).
        #[arg(long)]
        date: Option<String>,
        /// The folder to write the zips to.
        #[arg(short = 'o', long = "output")]
        out: PathBuf,
        /// Then POST the day's summary as JSON (no text) to this http:// address.
        #[arg(long)]
        notify: Option<String>,
        /// The site's address (https://example.org): each article in the summary gets a link
        /// to its page there.
        #[arg(long, env = "SUCAI_PUBLIC_URL")]
        public_url: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Copy the embedded library (database with originals and accounts) into a new folder
    /// while it may be in use.
    Backup { dir: PathBuf },
    /// Restore a backup folder as the library in --data and rebuild the search index (stop
    /// `sucai serve` first).
    Restore {
        dir: PathBuf,
        /// Replace a library that holds materials or accounts.
        #[arg(long)]
        force: bool,
    },
    /// List the articles.
    List {
        #[arg(long)]
        json: bool,
        #[arg(long)]
        limit: Option<i64>,
        #[arg(long, default_value_t = 0)]
        offset: i64,
    },
    /// Show one article with its metadata, outline, notable sentences and full text.
    Show {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Show one material (an imported file): its title, trailer, warnings and articles.
    Material {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Write the original bytes of an imported file.
    Original {
        material_id: i64,
        /// Where to write them (default: standard output).
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// How much the library holds.
    Stats {
        #[arg(long)]
        json: bool,
    },
    /// Write the shared test corpus (gzipped JSON Lines) out as .txt files, one a document.
    Corpus {
        /// The folder of *.jsonl.gz files.
        #[arg(long)]
        from: PathBuf,
        /// Where to write the .txt files.
        #[arg(long)]
        out: PathBuf,
    },
    /// Measure import, index size and query latency against SQLite FTS5 and a full scan.
    Bench(bench::BenchArgs),
}

#[derive(Subcommand)]
enum UserAction {
    /// Add an account.
    Add {
        name: String,
        /// An operator's account (reads everything, makes codes).
        #[arg(long)]
        admin: bool,
        #[arg(long, env = "SUCAI_PASSWORD", hide_env_values = true)]
        password: String,
    },
    /// Give a user a membership of TIER for DAYS from today, in place of what they had (days
    /// queued from codes included).
    Grant {
        name: String,
        #[arg(long)]
        tier: String,
        #[arg(long)]
        days: u32,
    },
    /// Set a user's password (ends their sessions and revokes their API tokens).
    Password {
        name: String,
        #[arg(long, env = "SUCAI_PASSWORD", hide_env_values = true)]
        password: String,
    },
}

#[derive(Subcommand)]
enum BoilerplateAction {
    /// Lines an operator judged and lines learned from repetition (at the edge of 3 or more
    /// files), most seen first.
    List {
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 200)]
        limit: i64,
    },
    /// Cut this line wherever it stands at the edge of a file (run `sucai reprocess` to apply
    /// it to the library).
    Add { line: String },
    /// Never cut this line: a learned line that is text, or a line added by mistake.
    Remove { line: String },
}

#[derive(Subcommand)]
enum TagWordsAction {
    /// The operator's changes (the built-in list is in the README).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Never make this word a tag.
    Add { word: String },
    /// Let this word make a tag, even if the built-in list stops it.
    Remove { word: String },
}

#[derive(Subcommand)]
enum CodeAction {
    /// Make new codes, one a line.
    New {
        #[arg(long)]
        tier: String,
        #[arg(long)]
        days: u32,
        #[arg(long, default_value_t = 1)]
        count: usize,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum SortArg {
    Relevance,
    Date,
}

/// The search index in the data folder, caught up with the store.
async fn open_index(data: &std::path::Path, store: &dyn Store) -> Result<SearchIndex, CliError> {
    let index = SearchIndex::open(&data.join("index"))?;
    index.sync(store).await?;
    Ok(index)
}

/// The library's records: PostgreSQL when `database` names one, else SQLite in the data folder.
async fn open_store(
    data: &std::path::Path,
    database: Option<&str>,
) -> Result<Arc<dyn Store>, CliError> {
    std::fs::create_dir_all(data).map_err(|e| CliError::DataDir(data.to_path_buf(), e))?;
    Ok(match database {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Arc::new(PgStore::connect(url).await?)
        }
        Some(other) => return Err(CliError::Database(other.to_string())),
        None => Arc::new(SqliteStore::open(&data.join("sucai.db")).await?),
    })
}

fn progress_bar() -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files {elapsed_precise} eta {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar
}

/// The site's public address, checked.
fn public(url: &str) -> Result<sucai_services::site::PublicUrl, CliError> {
    sucai_services::site::PublicUrl::parse(url).map_err(CliError::PublicUrl)
}

/// Prints to stdout; a reader that went away (`sucai list | head`) is not an error.
fn emit(text: &str) {
    emit_bytes(text.as_bytes());
}

fn emit_bytes(bytes: &[u8]) {
    use std::io::Write;
    let _ = std::io::stdout().lock().write_all(bytes);
}

async fn run(cli: Cli) -> Result<(), CliError> {
    match cli.command {
        Command::Import {
            paths,
            json,
            max_file_mb,
        } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let bar = progress_bar();
            let watcher = bar.clone();
            let options = ImportOptions {
                max_file_bytes: max_file_mb << 20,
                ..ImportOptions::default()
            };
            let report =
                sucai_ingest::import_paths(
                    store.clone(),
                    &paths,
                    options,
                    move |event| match event {
                        ImportEvent::Found(n) => watcher.set_length(n as u64),
                        ImportEvent::Done(n) => watcher.inc(n as u64),
                    },
                )
                .await?;
            bar.finish_and_clear();
            open_index(&cli.data, store.as_ref()).await?;
            store.close().await;
            emit(&output::import_report(&report, json));
        }
        Command::Search {
            query,
            json,
            limit,
            offset,
            all,
            sort,
            facets,
        } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let index = open_index(&cli.data, store.as_ref()).await?;
            let sort = match sort {
                SortArg::Relevance => Sort::Relevance,
                SortArg::Date => Sort::Date,
            };
            let request = SearchRequest {
                query,
                sort,
                offset,
                limit: (!all).then_some(limit),
                facets,
            };
            // The command line is the operator's tool: it reads everything.
            let results =
                search::search(&index, store.as_ref(), &request, &Caller::Operator, None).await?;
            emit(&output::search(&results, json));
        }
        Command::Check {
            file,
            json,
            min_run,
        } => {
            let bytes = std::fs::read(&file).map_err(|e| CliError::Read(file.clone(), e))?;
            let name = file.file_name().unwrap_or_default().to_string_lossy();
            let draft = overlap::draft_from_file(&name, &bytes)?;
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let index = open_index(&cli.data, store.as_ref()).await?;
            let report = overlap::check(
                &index,
                store.as_ref(),
                &draft,
                overlap::CheckOptions { min_run },
                // The command line is the operator's tool: it shows every match.
                &Caller::Operator,
                None,
            )
            .await?;
            emit(&output::overlap(&report, &draft, json));
        }
        Command::Suggest {
            prefix,
            json,
            limit,
        } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let titles = store.titles().await?;
            emit(&output::suggestions(
                &suggest::suggest(&titles, &prefix, limit),
                json,
            ));
        }
        Command::Serve {
            addr,
            inbox,
            trusted_proxies,
            paid_hints_per_account,
            paid_hints_per_address,
            public_url,
        } => {
            let configured = public_url.as_deref().map(public).transpose()?;
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let index = Arc::new(SearchIndex::open(&cli.data.join("index"))?);
            let listener = tokio::net::TcpListener::bind(&addr)
                .await
                .map_err(|e| CliError::Listen(addr.clone(), e))?;
            let local = listener
                .local_addr()
                .map_err(|e| CliError::Listen(addr.clone(), e))?;
            let public_url = match configured {
                Some(url) => url,
                // The address as given, with the port the system chose for port 0.
                None => sucai_server::PublicUrl::for_addr(&local.to_string())
                    .map_err(CliError::PublicUrl)?,
            };
            let mut state = sucai_server::AppState::new(store, index)
                .await?
                .with_public_url(public_url);
            state.trusted_proxies = Arc::new(trusted_proxies);
            state.hints = Arc::new(sucai_services::limits::PaidHints::new(
                paid_hints_per_account,
                paid_hints_per_address,
            ));
            let watcher = match inbox {
                Some(dir) => {
                    let inbox = sucai_server::inbox::Inbox::open(&dir)?;
                    eprintln!("watching the inbox {}", dir.display());
                    Some(inbox.spawn(state.clone(), std::time::Duration::from_secs(1)))
                }
                None => None,
            };
            eprintln!("sucai is serving {} on http://{local}", cli.data.display());
            let served = sucai_server::serve(state, listener).await;
            if let Some(watcher) = watcher {
                watcher.stop().await;
            }
            served.map_err(|e| CliError::Listen(addr, e))?;
        }
        Command::Export {
            id,
            format,
            encoding,
            output,
        } => {
            let format = export::Format::parse(&format).ok_or(CliError::Format(format))?;
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let article = store.article(id).await?.ok_or(CliError::NoArticle(id))?;
            let view = ArticleView::new(&article, Caller::Operator.reader(&article));
            let bytes = export::render(
                &view,
                format,
                encoding.eq_ignore_ascii_case("gb18030"),
                None,
            )?;
            std::fs::write(&output, bytes).map_err(|e| CliError::Write(output.clone(), e))?;
        }
        Command::User { action } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let store = store.as_ref();
            match action {
                UserAction::Add {
                    name,
                    admin,
                    password,
                } => {
                    let role = if admin { Role::Admin } else { Role::User };
                    let id = accounts::register(store, &name, &password, role).await?;
                    eprintln!("added {name} (id {id})");
                }
                UserAction::Grant { name, tier, days } => {
                    let m = members::grant(store, &name, &tier, days, unix_now()).await?;
                    eprintln!("{name} is {} until {} (unix time)", m.tier, m.expires_at);
                }
                UserAction::Password { name, password } => {
                    accounts::reset_password(store, &name, &password).await?;
                    eprintln!("set the password of {name}");
                }
            }
        }
        Command::Code {
            action:
                CodeAction::New {
                    tier,
                    days,
                    count,
                    json,
                },
        } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let codes = members::make_codes(store.as_ref(), &tier, days, count).await?;
            emit(&if json {
                format!("{}\n", serde_json::json!({ "codes": codes }))
            } else {
                codes.join("\n") + "\n"
            });
        }
        Command::Boilerplate { action } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let (line, verdict) = match action {
                BoilerplateAction::List { json, limit } => {
                    let rules = boilerplate::rules(store.as_ref(), limit.clamp(1, 100_000)).await?;
                    emit(&output::boilerplate(&rules, json));
                    return Ok(());
                }
                BoilerplateAction::Add { line } => (line, EdgeVerdict::Boilerplate),
                BoilerplateAction::Remove { line } => (line, EdgeVerdict::Text),
            };
            if !boilerplate::judge(store.as_ref(), &line, Some(verdict)).await? {
                return Err(CliError::EmptyRule(line));
            }
            eprintln!(
                "{}: {line} (run `sucai reprocess` to apply it to the library)",
                match verdict {
                    EdgeVerdict::Boilerplate => "cut from now on",
                    EdgeVerdict::Text => "kept from now on",
                }
            );
        }
        Command::TagWords { action } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let (word, stop) = match action {
                TagWordsAction::List { json } => {
                    let words = store.tag_words().await?;
                    emit(&output::tag_words(&words, json));
                    return Ok(());
                }
                TagWordsAction::Add { word } => (word, true),
                TagWordsAction::Remove { word } => (word, false),
            };
            let word = word.trim();
            if word.is_empty() || word.chars().count() > 20 {
                return Err(CliError::TagWord(word.to_string()));
            }
            store.set_tag_word(word, Some(stop)).await?;
            eprintln!(
                "{word}: {} (run `sucai reprocess` to apply it to the library)",
                if stop {
                    "never a tag from now on"
                } else {
                    "may be a tag from now on"
                }
            );
        }
        Command::Reprocess { json } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let bar = progress_bar();
            bar.set_length(store.stats().await?.materials as u64);
            let watcher = bar.clone();
            let report =
                sucai_ingest::reprocess(store.clone(), &ImportOptions::default(), move |n| {
                    watcher.inc(n as u64)
                })
                .await?;
            bar.finish_and_clear();
            open_index(&cli.data, store.as_ref()).await?;
            store.close().await;
            emit(&output::reprocess_report(&report, json));
        }
        Command::Reindex => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let index = SearchIndex::open(&cli.data.join("index"))?;
            let n = index.rebuild(store.as_ref()).await?;
            eprintln!("indexed {n} articles");
        }
        Command::Bundle {
            date,
            out,
            notify,
            public_url,
            json,
        } => {
            let site = public_url.as_deref().map(public).transpose()?;
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let date = date.unwrap_or_else(|| sucai_services::clock::beijing_day(unix_now()));
            let mut summary = bundle::write(store.as_ref(), &date, &out).await?;
            if let Some(site) = &site {
                summary.link(site);
            }
            emit(&output::bundle(&summary, &out, json));
            if let Some(url) = notify {
                let sent = summary.clone();
                tokio::task::spawn_blocking(move || bundle::notify(&url, &sent))
                    .await
                    .map_err(|e| CliError::Write(out.clone(), std::io::Error::other(e)))?
                    .map_err(|e| CliError::Notify(out, e))?;
            }
        }
        Command::Backup { dir } => {
            if cli.database.is_some() {
                return Err(CliError::EmbeddedOnly);
            }
            let manifest = backup::backup(&cli.data, &dir).await?;
            let c = manifest.counts;
            eprintln!(
                "backed up {} materials, {} articles and {} accounts ({} bytes) to {}",
                c.materials,
                c.articles,
                c.users,
                manifest.bytes,
                dir.display()
            );
        }
        Command::Restore { dir, force } => {
            if cli.database.is_some() {
                return Err(CliError::EmbeddedOnly);
            }
            let restored = backup::restore(&cli.data, &dir, force).await?;
            let c = restored.counts;
            eprintln!(
                "restored {} materials, {} articles and {} accounts into {}; indexed {} articles",
                c.materials,
                c.articles,
                c.users,
                cli.data.display(),
                restored.indexed
            );
        }
        Command::List {
            json,
            limit,
            offset,
        } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let page = Page {
                offset,
                limit: limit.unwrap_or(i64::MAX),
            };
            emit(&output::list(&store.articles(page).await?, json));
        }
        Command::Show { id, json } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let article = store.article(id).await?.ok_or(CliError::NoArticle(id))?;
            let material = store.material(article.material_id).await?;
            emit(&output::show(&article, material.as_ref(), json));
        }
        Command::Material { id, json } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let material = store.material(id).await?.ok_or(CliError::NoMaterial(id))?;
            emit(&output::material(&material, json));
        }
        Command::Original {
            material_id,
            output,
        } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            let bytes = store
                .original(material_id)
                .await?
                .ok_or(CliError::NoMaterial(material_id))?;
            match output {
                Some(path) => std::fs::write(&path, bytes).map_err(|e| CliError::Write(path, e))?,
                None => emit_bytes(&bytes),
            }
        }
        Command::Stats { json } => {
            let store = open_store(&cli.data, cli.database.as_deref()).await?;
            emit(&output::stats(&store.stats().await?, json));
        }
        Command::Corpus { from, out } => {
            let written = corpus::write_txt(&from, &out)?;
            eprintln!(
                "wrote {} documents ({} characters) to {}",
                written.documents,
                written.chars,
                out.display()
            );
        }
        Command::Bench(args) => bench::run(args).await?,
    }
    Ok(())
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "warn,sucai=info".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
