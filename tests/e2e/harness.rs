//! Starts tauri-driver with the app, opens a WebDriver session, and saves a screenshot of the
//! window when a step fails.

use std::ffi::OsStr;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use thirtyfour::components::SelectElement;
use thirtyfour::error::WebDriverErrorInner;
use thirtyfour::prelude::*;

/// Where failing steps leave screenshots (and passing flows their final screen).
pub fn artifacts_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("e2e-artifacts");
    std::fs::create_dir_all(&dir).expect("create e2e-artifacts");
    dir
}

/// A running app under WebDriver, with its own empty data folder.
pub struct AppSession {
    pub driver: WebDriver,
    pub data_dir: tempfile::TempDir,
    driver_process: Child,
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

impl AppSession {
    /// Launches the app (first run: empty data folder) through tauri-driver.
    pub async fn start() -> Self {
        Self::start_with(tempfile::tempdir().expect("temp data dir"), &[]).await
    }

    /// Launches the app with `data_dir` as its data folder and `env` set (e.g. `KIZUNA_DB`).
    pub async fn start_with(data_dir: tempfile::TempDir, env: &[(&str, &OsStr)]) -> Self {
        let (port, native_port) = (free_port(), free_port());
        let driver_bin =
            std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".to_owned());
        let driver_process = Command::new(&driver_bin)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .env("KIZUNA_DATA_DIR", data_dir.path())
            .env_remove("KIZUNA_DB")
            .envs(env.iter().copied())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {driver_bin} (cargo install tauri-driver --locked): {e}")
            });
        wait_for_port(port, Duration::from_secs(30));
        let mut caps = Capabilities::new();
        caps.set(
            "tauri:options",
            serde_json::json!({ "application": app_binary() }),
        )
        .expect("capabilities");
        let driver = WebDriver::new(format!("http://127.0.0.1:{port}"), caps)
            .await
            .expect("WebDriver session with the app");
        Self {
            driver,
            data_dir,
            driver_process,
        }
    }

    /// Saves the window as `e2e-artifacts/<name>.png`.
    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let path = artifacts_dir().join(format!("{name}.png"));
        if let Err(e) = self.driver.screenshot(&path).await {
            eprintln!("screenshot {name} failed: {e}");
        }
        path
    }

    /// Ends the session and stops tauri-driver (which stops the app).
    pub async fn stop(mut self) {
        let driver = self.driver.clone();
        if let Err(e) = driver.quit().await {
            eprintln!("closing the WebDriver session: {e}");
        }
        let _ = self.driver_process.kill();
        let _ = self.driver_process.wait();
    }

    /// Waits until the element matching `css` exists and `check` accepts its text; returns it.
    pub async fn wait_for_text(
        &self,
        css: &str,
        what: &str,
        check: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut last = String::from("<not found>");
        while Instant::now() < deadline {
            if let Ok(element) = self.driver.find(By::Css(css)).await
                && let Ok(text) = element.text().await
            {
                if check(&text) {
                    return Ok(text);
                }
                last = text;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        Err(format!(
            "{what}: `{css}` never passed the check; last text: {last:?}"
        ))
    }

    /// Waits until the `textContent` of the first match passes `check` (works inside the size
    /// containers WebKitWebDriver reports as not displayed); returns it trimmed.
    pub async fn wait_for_content(
        &self,
        css: &str,
        what: &str,
        check: impl Fn(&str) -> bool,
    ) -> Result<String, String> {
        let mut last = String::from("<not found>");
        for _ in 0..200 {
            if let Ok(element) = self.driver.find(By::Css(css)).await
                && let Ok(Some(text)) = element.prop("textContent").await
            {
                if check(text.trim()) {
                    return Ok(text.trim().to_owned());
                }
                last = text;
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        Err(format!("{what}: `{css}` never passed; last text {last:?}"))
    }

    /// Calls a Kizuna command through the page's IPC, as the screens do: its answer, or its error.
    pub async fn invoke(
        &self,
        command: &str,
        args: serde_json::Value,
    ) -> Result<serde_json::Value, String> {
        let script = r"
            const done = arguments[arguments.length - 1];
            window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
                .then((value) => done({ ok: value ?? null }), (error) => done({ error }));
        ";
        let answer = self
            .driver
            .execute_async(script, vec![serde_json::json!(command), args])
            .await
            .map_err(|e| format!("invoking {command}: {e}"))?
            .json()
            .clone();
        answer
            .get("ok")
            .cloned()
            .ok_or_else(|| format!("{command} failed: {answer}"))
    }

    /// Presses Ctrl-K on the page (the command palette's shortcut).
    pub async fn ctrl_k(&self) -> Result<(), String> {
        self.driver
            .action_chain()
            .key_down(Key::Control)
            .send_keys("k")
            .key_up(Key::Control)
            .perform()
            .await
            .map_err(|e| e.to_string())
    }

    /// Types `text` into the open command palette and waits until its first option passes
    /// `check`; returns the palette's input.
    pub async fn palette_search(
        &self,
        text: &str,
        what: &str,
        check: impl Fn(&str) -> bool,
    ) -> Result<WebElement, String> {
        let input = self
            .wait_for_all("[data-testid=palette-input]", "palette input", |n| n == 1)
            .await?
            .remove(0);
        input.send_keys(text).await.map_err(|e| e.to_string())?;
        self.wait_for_content("[data-testid=palette-item]", what, check)
            .await?;
        Ok(input)
    }

    /// Waits for the first element matching `css` and clicks it.
    pub async fn click(&self, css: &str) -> Result<(), String> {
        self.act(css, "clicking", async |el| el.click().await).await
    }

    /// Waits for the first element matching `css` and types `text` into it.
    pub async fn type_into(&self, css: &str, text: &str) -> Result<(), String> {
        self.act(css, "typing into", async |el| el.send_keys(text).await)
            .await
    }

    /// Waits for the first field matching `css`, empties it and types `text`, typing again
    /// when the field does not hold `text` afterwards (keys lost while the page was still
    /// settling after a navigation).
    pub async fn replace_text(&self, css: &str, text: &str) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            self.act(css, "replacing the text of", async |el| {
                el.clear().await?;
                el.send_keys(text).await
            })
            .await?;
            let field = self.wait_for_all(css, css, |n| n >= 1).await?;
            let held = field[0]
                .prop("value")
                .await
                .map_err(|e| format!("reading `{css}`: {e}"))?
                .unwrap_or_default();
            if held == text {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(format!("`{css}` holds {held:?} after typing {text:?}"));
            }
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Waits for the first `<select>` matching `css` and picks the option with `value`.
    pub async fn select_value(&self, css: &str, value: &str) -> Result<(), String> {
        self.act(css, "choosing an option of", async |el| {
            SelectElement::new(el).await?.select_by_value(value).await
        })
        .await
    }

    /// Runs `action` on the first element matching `css`, looking the element up again and
    /// retrying while it is not yet interactable (a dialog still opening, a list re-rendering),
    /// as a person would wait for the screen to settle; other errors fail at once.
    async fn act(
        &self,
        css: &str,
        doing: &str,
        action: impl AsyncFn(&WebElement) -> WebDriverResult<()>,
    ) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let found = self
                .wait_for_all(css, &format!("{doing} `{css}`"), |n| n >= 1)
                .await?;
            match action(&found[0]).await {
                Ok(()) => return Ok(()),
                Err(error) if settling(&error) && Instant::now() < deadline => {
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(error) => return Err(format!("{doing} `{css}`: {error}")),
            }
        }
    }

    /// Waits until `count(css)` satisfies `check`; returns the elements.
    pub async fn wait_for_all(
        &self,
        css: &str,
        what: &str,
        check: impl Fn(usize) -> bool,
    ) -> Result<Vec<WebElement>, String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        let mut last = 0;
        while Instant::now() < deadline {
            if let Ok(elements) = self.driver.find_all(By::Css(css)).await {
                if check(elements.len()) {
                    return Ok(elements);
                }
                last = elements.len();
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
        Err(format!("{what}: `{css}` matched {last} elements"))
    }
}

impl Drop for AppSession {
    fn drop(&mut self) {
        // A panicking test still stops the driver and the app.
        let _ = self.driver_process.kill();
    }
}

/// Whether a WebDriver error means the element is there but the screen has not settled yet.
fn settling(error: &WebDriverError) -> bool {
    matches!(
        error.as_inner(),
        WebDriverErrorInner::ElementNotInteractable(_)
            | WebDriverErrorInner::StaleElementReference(_)
            | WebDriverErrorInner::ElementClickIntercepted(_)
    )
}

fn wait_for_port(port: u16, timeout: Duration) {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("tauri-driver did not listen on port {port} within {timeout:?}");
}

/// The app under test: the one cargo built, or an installed one named by `KIZUNA_APP_BINARY`
/// (the .deb check in `scripts/bundle` runs the first-run flow against /usr/bin/kizuna-app).
pub fn app_binary() -> String {
    std::env::var("KIZUNA_APP_BINARY")
        .ok()
        .filter(|path| !path.is_empty())
        .unwrap_or_else(|| env!("CARGO_BIN_EXE_kizuna-app").to_owned())
}

/// Runs a flow; on failure saves a screenshot named after the flow and fails with the step.
pub async fn run_flow<F>(name: &str, flow: F)
where
    F: AsyncFnOnce(&AppSession) -> Result<(), String>,
{
    run_flow_with(AppSession::start().await, name, flow).await;
}

/// Like [`run_flow`], on a session started by the caller (e.g. with its own environment).
pub async fn run_flow_with<F>(session: AppSession, name: &str, flow: F)
where
    F: AsyncFnOnce(&AppSession) -> Result<(), String>,
{
    let outcome = flow(&session).await;
    if let Err(step) = &outcome {
        let shot = session.screenshot(&format!("{name}-failure")).await;
        session.stop().await;
        panic!("{name} failed: {step}\nscreenshot: {}", shot.display());
    }
    session.screenshot(name).await;
    session.stop().await;
}
