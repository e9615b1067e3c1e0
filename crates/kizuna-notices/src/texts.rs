//! Licence texts: finding a package's licence files, the standard texts for packages without
//! any, and storing each distinct text once.

use std::collections::HashMap;
use std::path::Path;

use crate::{Notices, NoticesError, ThirdPartyComponent};

/// Standard texts of the licences that packages without a licence file declare.
const STANDARD: &[(&str, &str)] = &[
    ("0BSD", include_str!("../standard/0BSD.txt")),
    ("Apache-2.0", include_str!("../standard/Apache-2.0.txt")),
    ("BSD-3-Clause", include_str!("../standard/BSD-3-Clause.txt")),
    ("CC0-1.0", include_str!("../standard/CC0-1.0.txt")),
    (
        "LLVM-exception",
        include_str!("../standard/LLVM-exception.txt"),
    ),
    ("MIT", include_str!("../standard/MIT.txt")),
    ("MPL-2.0", include_str!("../standard/MPL-2.0.txt")),
];

/// The standard text of the SPDX licence (or exception) `id`, when Kizuna carries it.
pub fn standard_text(id: &str) -> Option<&'static str> {
    STANDARD
        .iter()
        .find(|(key, _)| *key == id)
        .map(|(_, text)| *text)
}

/// The licence and exception ids in an SPDX expression, in order, once each. Also reads the
/// older `MIT/Apache-2.0` form.
fn licence_ids(expression: &str) -> Vec<&str> {
    let mut ids = Vec::new();
    for token in expression.split(|c: char| c.is_whitespace() || "()/".contains(c)) {
        if !token.is_empty() && !["OR", "AND", "WITH"].contains(&token) && !ids.contains(&token) {
            ids.push(token);
        }
    }
    ids
}

/// The standard texts for a package declaring `expression` that ships no licence file.
pub(crate) fn standard_texts(
    package: &str,
    expression: &str,
) -> Result<Vec<&'static str>, NoticesError> {
    licence_ids(expression)
        .into_iter()
        .map(|id| {
            standard_text(id).ok_or_else(|| {
                NoticesError::unexpected(
                    package,
                    format!(
                        "ships no licence file and declares {id}, whose standard text is not in \
                         crates/kizuna-notices/standard/ (add it as {id}.txt)"
                    ),
                )
            })
        })
        .collect()
}

/// Whether a file in a package's top folder is a licence or notice by its name.
fn is_licence_file(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    // LICENSE.spdx files are SPDX metadata, not a licence's words.
    !lower.ends_with(".spdx")
        && ["licen", "copying", "notice", "unlicense"]
            .iter()
            .any(|start| lower.starts_with(start))
}

/// The licence and notice files in the package folder `dir` (and in a `LICENSES/` folder
/// there), plus `declared` (the manifest's `license-file`), each as (file name, text), sorted.
pub(crate) fn licence_files(
    dir: &Path,
    declared: Option<&str>,
) -> Result<Vec<(String, String)>, NoticesError> {
    let read_dir = |dir: &Path| {
        std::fs::read_dir(dir).map_err(|source| NoticesError::Read {
            path: dir.to_path_buf(),
            source,
        })
    };
    let mut paths = Vec::new();
    for entry in read_dir(dir)? {
        let path = entry
            .map_err(|source| NoticesError::Read {
                path: dir.to_path_buf(),
                source,
            })?
            .path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if !is_licence_file(&name) {
            continue;
        }
        if path.is_dir() {
            for inner in read_dir(&path)? {
                let inner = inner.map_err(|source| NoticesError::Read {
                    path: path.clone(),
                    source,
                })?;
                if inner.path().is_file() {
                    paths.push(inner.path());
                }
            }
        } else {
            paths.push(path);
        }
    }
    if let Some(declared) = declared {
        let path = dir.join(declared);
        if !paths.contains(&path) {
            paths.push(path);
        }
    }
    let mut files = paths
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).map_err(|source| NoticesError::Read {
                path: path.clone(),
                source,
            })?;
            let name = path
                .strip_prefix(dir)
                .unwrap_or(&path)
                .to_string_lossy()
                .into_owned();
            Ok((name, String::from_utf8_lossy(&bytes).into_owned()))
        })
        .collect::<Result<Vec<_>, NoticesError>>()?;
    files.sort();
    Ok(files)
}

/// Each distinct licence text once, in order of first use.
#[derive(Default)]
pub(crate) struct TextPool {
    texts: Vec<String>,
    index: HashMap<String, u32>,
}

impl TextPool {
    /// Stores `text` (line endings and surrounding blank space evened out) unless an identical
    /// text is stored already; returns its index.
    pub(crate) fn add(&mut self, text: &str) -> u32 {
        let text = text
            .replace("\r\n", "\n")
            .trim_matches(['\n', ' ', '\t', '\u{feff}'])
            .to_owned();
        if let Some(&at) = self.index.get(&text) {
            return at;
        }
        let at = u32::try_from(self.texts.len()).unwrap_or(u32::MAX);
        self.index.insert(text.clone(), at);
        self.texts.push(text);
        at
    }

    /// Stores a package's texts: its own licence `files`, or, when it has none, the standard
    /// texts of its declared `licence`. Returns their indices and whether they are standard.
    pub(crate) fn add_package(
        &mut self,
        label: &str,
        licence: &str,
        files: &[(String, String)],
    ) -> Result<(Vec<u32>, bool), NoticesError> {
        if files.is_empty() {
            let texts = standard_texts(label, licence)?;
            Ok((texts.into_iter().map(|text| self.add(text)).collect(), true))
        } else {
            Ok((
                files.iter().map(|(_, text)| self.add(text)).collect(),
                false,
            ))
        }
    }

    /// The notices of `components`, whose text indices point into this pool. Texts are
    /// renumbered in the order the sorted components use them, so the file reads top to bottom.
    pub(crate) fn into_notices(
        self,
        target: &str,
        mut components: Vec<ThirdPartyComponent>,
    ) -> Notices {
        let mut renumbered: HashMap<u32, u32> = HashMap::new();
        let mut texts = Vec::new();
        let mut pool: Vec<Option<String>> = self.texts.into_iter().map(Some).collect();
        for component in &mut components {
            for at in &mut component.texts {
                let new = *renumbered.entry(*at).or_insert_with(|| {
                    texts.push(pool[*at as usize].take().unwrap_or_default());
                    u32::try_from(texts.len() - 1).unwrap_or(u32::MAX)
                });
                *at = new;
            }
        }
        Notices {
            target: target.to_owned(),
            components,
            texts,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn licence_ids_read_spdx_and_slash_forms() {
        assert_eq!(licence_ids("MIT OR Apache-2.0"), ["MIT", "Apache-2.0"]);
        assert_eq!(licence_ids("MIT/Apache-2.0"), ["MIT", "Apache-2.0"]);
        assert_eq!(
            licence_ids("Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT"),
            ["Apache-2.0", "LLVM-exception", "MIT"]
        );
        assert_eq!(
            licence_ids("(MIT OR Apache-2.0) AND Unicode-3.0"),
            ["MIT", "Apache-2.0", "Unicode-3.0"]
        );
    }

    #[test]
    fn identical_texts_are_stored_once_whatever_their_line_endings() {
        let mut pool = TextPool::default();
        let a = pool.add("MIT text\r\nline two\r\n");
        let b = pool.add("\nMIT text\nline two");
        let c = pool.add("Apache text");
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn a_licence_with_no_standard_text_is_named_in_the_error() {
        let error = standard_texts("odd-crate", "MIT OR WTFPL").expect_err("WTFPL is not carried");
        assert!(error.to_string().contains("odd-crate") && error.to_string().contains("WTFPL"));
        assert_eq!(
            standard_texts("ok", "MIT/Apache-2.0").map(|t| t.len()).ok(),
            Some(2)
        );
    }
}
