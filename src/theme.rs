//! The default theme, compiled into the binary.
//!
//! A site without `theme` in its config (or with `theme = "default"` and no `themes/default/`
//! folder) uses these files. The project's own `themes/default/` is their source.

/// Name under which the built-in theme can be selected explicitly.
pub const BUILTIN_NAME: &str = "default";

macro_rules! templates {
    ($($name:literal),* $(,)?) => {
        /// The built-in templates: (name, text).
        pub const TEMPLATES: &[(&str, &str)] = &[
            $(($name, include_str!(concat!("../themes/default/templates/", $name)))),*
        ];
    };
}

templates!(
    "base.html",
    "macros.html",
    "card.html",
    "index.html",
    "release.html",
    "release_list.html",
    "topic_list.html",
    "programme.html",
    "programme_list.html",
    "municipality.html",
    "municipality_list.html",
    "page.html",
    "404.html",
    "calendar.html",
    "data.html",
    "search.html",
);

/// The built-in static files: (output path, bytes).
pub const STATIC: &[(&str, &[u8])] = &[
    (
        "css/herold.css",
        include_bytes!("../themes/default/static/css/herold.css"),
    ),
    (
        "js/search.js",
        include_bytes!("../themes/default/static/js/search.js"),
    ),
];
