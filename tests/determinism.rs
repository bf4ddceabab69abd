//! The same input gives byte-identical output, wherever the site lies.

mod common;

use common::site;

#[test]
fn two_builds_of_the_same_site_are_byte_identical() {
    let a = site("full");
    let b = site("full");
    a.build();
    b.build();
    let (fa, fb) = (a.output_files(), b.output_files());
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (path, bytes) in &fa {
        assert!(bytes == &fb[path], "{path} differs between two builds");
    }
    // A rebuild into the same folder gives the same bytes again.
    a.build();
    assert!(a.output_files() == fa);
    // No trace of the (temporary) location of the site.
    let tmp = a.tmp.path().to_string_lossy().into_owned();
    for (path, bytes) in &fa {
        assert!(
            !String::from_utf8_lossy(bytes).contains(&tmp),
            "{path} contains the build folder"
        );
    }
}
