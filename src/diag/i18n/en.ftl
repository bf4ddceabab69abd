# herold's messages in English. Every id here must exist in de.ftl too, with the same
# variables (the tests in src/diag/i18n/tests.rs check that, and that every id is used).

## Report words

label-error = error
label-warning = warning
label-help = help
label-note = note
word-or = or
word-and = and

## Reading the site (source.rs)

source-no-config = no config.toml in { $dir }
source-no-config-help = run herold in a site folder, pass --root DIR, or create config.toml with title and base_url
source-no-content = the site has no content/ folder
source-no-content-help = create content/releases/ with the press releases as Markdown files
source-theme-not-found = theme "{ $name }" not found: there is no folder themes/{ $name }/
source-theme-not-found-help = fix the theme name, add the theme folder, or remove the theme line to use the built-in theme
source-link-loop = a symbolic link here loops back to a folder above it
source-cannot-read = cannot read: { $reason }
source-fix-link = fix or remove the link or the file's permissions
source-ignored-flat = ignored: only *.{ $ext } files directly in this folder are read
source-ignored-flat-help = move or rename the file, e.g. to NAME.{ $ext }
source-read-failed = cannot read the file: { $reason }
source-read-failed-help = check that the file exists and is readable
source-not-utf8 = the file is not valid UTF-8 (byte 0x{ $byte })
source-not-utf8-help = save the file with the encoding UTF-8 (it is probably Windows-1252 or Latin-1)
source-ignored-release = ignored: not a Markdown file (*.md) and not inside a release bundle
source-ignored-release-help = images and attachments belong in a bundle folder next to its index.md, or in static/
source-ignored-content = ignored: content/ holds only releases/, programmes/, municipalities/ and pages/
source-ignored-content-help = move it into one of those folders, or to static/ if it is a file to publish as is

## Reasons of the operating system

io-not-found = no such file or folder
io-permission-denied = permission denied
io-other = { $detail }

## TOML (toml_de.rs): where, what, and what to write instead

toml-in-front-matter = the front matter
toml-in-page-front-matter = the page's front matter
toml-in-programme = the programme record
toml-in-municipality = the municipality record
toml-in-config = config.toml
toml-unknown-key = unknown key `{ $key }` in { $what }
toml-unknown-key-did-you-mean = did you mean `{ $best }`? (allowed keys: { $allowed })
toml-unknown-key-extra = remove it, or put free-form values under [extra]; allowed keys: { $allowed }
toml-unknown-key-remove = remove it; allowed keys: { $allowed }
toml-missing-key = { $what } lacks the required key `{ $key }`
toml-missing-key-help = add a line `{ $key } = …`
toml-unknown-value = unknown value `{ $value }` for `{ $key }` in { $what }
toml-unknown-value-help = use one of { $allowed }
toml-wrong-type = wrong type of value in { $what }: `{ $key }` is `{ $value }`, but must be { $expected }
toml-invalid-date = not a valid date or time in { $what }: { $detail }
toml-invalid-date-help = check day and month (e.g. 2018-02-28; February 29 only in leap years) and write dates like 2018-05-28 or 2018-05-28T10:00:00+02:00, without quotes
toml-duplicate-key = the key `{ $key }` appears twice in { $what }
toml-duplicate-key-help = each key may appear only once: remove one of them
toml-invalid = invalid TOML in { $what }: { $detail }
toml-invalid-help = check the quoting and the `key = value` syntax; strings need "double quotes"
toml-detail = { $detail }

type-image = an [image] table
type-event = an [event] table
type-attachment = an [[attachments]] table
type-contact = a [[contacts]] table
type-participant = a [[participants]] table
type-table = a [{ $key }] table
type-string = a string (text in double quotes)
type-boolean = a boolean (true or false)
type-map = a table ([{ $key }])
type-sequence = a list in square brackets
type-number = a number
type-integer = a whole number
type-datetime = a date or a date and time
type-other = { $expected }

type-help-image = write a table: a line [image], then src = "bild.jpg" and alt = "what the image shows"
type-help-event = write a table: a line [event], then name = "…", start = 2024-05-01 (end and place are optional)
type-help-attachment = write each attachment as a table: a line [[attachments]], then title = "…" and file = "…"
type-help-contact = write each contact as a table: a line [[contacts]], then name = "…" (role, phone, email optional)
type-help-participant = write each participant as a table: a line [[participants]], then municipality = "slug"
type-help-table = write a table: a line [{ $key }] followed by key = value lines
type-help-string = put the value in double quotes, e.g. "…"
type-help-boolean = write true or false, without quotes
type-help-sequence = write a list in square brackets, e.g. ["a", "b"]
type-help-number = write numbers without quotes, e.g. [47.88, 8.34]
type-help-integer = write a whole number without quotes or separators, e.g. 40000
type-help-date = write a date like 2018-05-28 or a date and time with offset like 2018-05-28T10:00:00+02:00 (no quotes)
type-help-other = see the README for the expected type of this key

## config.toml (config.rs)

config-base-url = base_url `{ $url }` is not usable: { $why }
config-base-url-help = write an absolute http(s) URL, e.g. "https://presse.example.org" or "https://example.org/presse/"
url-relative = relative URL without a base
url-empty-host = empty host
url-invalid-port = invalid port number
url-invalid-domain = invalid domain character
url-invalid-address = invalid IP address
url-other = { $detail }
url-scheme = the scheme must be http or https, not { $scheme }
url-no-host = it has no host name
url-query = it must not have a query (?…) or fragment (#…)
config-title-empty = title is empty
config-title-empty-help = give the site a name, e.g. title = "Pressemitteilungen"
config-per-page = per_page = { $value } is not a positive number
config-per-page-help = use a number of releases per archive page, e.g. per_page = 20
config-path-word = [paths] { $key } = "{ $word }" is not a URL word
config-path-twice = [paths] uses the word "{ $word }" twice
config-path-twice-help = each section needs its own URL word
config-data-license = data_license needs a name and an absolute http(s) URL
config-data-license-help = e.g. data_license = {"{"} name = "Datenlizenz Deutschland – Zero – Version 2.0", url = "https://www.govdata.de/dl-de/zero-2-0" {"}"}
slug-chars = use lower-case letters a-z, digits and hyphens only

## Front matter fences (frontmatter.rs)

fm-empty = the file is empty
fm-empty-help = a release starts with a front matter block: a line +++, title = "…", date = 2024-01-31, a line +++, then the text
fm-yaml = the front matter is fenced with --- (YAML), but herold reads TOML between +++ lines
fm-yaml-help = replace both --- lines with +++ and write the keys as TOML: title = "…"
fm-no-start = the file does not start with a front matter block (a line +++)
fm-no-start-help = add a line +++ at the very top, then title = "…" and date = …, then another line +++
fm-not-closed = the front matter block is not closed
fm-not-closed-help = add a line +++ after the last front matter key, before the text

## Values of releases, pages and records (model/)

key-event-start = event start
key-event-end = event end
key-withdrawn-date = withdrawn date
key-change-date = change date
date-no-offset-embargo = { $key } = { $value } has no UTC offset
date-no-offset-embargo-help = an embargo must say its time zone, e.g. { $key } = 2024-05-01T10:00:00+02:00 (summer) or +01:00 (winter)
date-no-offset = { $key } = { $value } has a time but no UTC offset
date-no-offset-help = write a date ({ $key } = 2024-05-01) or add the offset ({ $key } = 2024-05-01T10:00:00+02:00)
date-no-date = { $key } = { $value } is a time without a date
date-no-date-embargo-help = write date, time and UTC offset, e.g. { $key } = 2024-05-01T10:00:00+02:00
date-no-date-help = write a date, e.g. { $key } = 2024-05-01
date-invalid = { $key } = { $value } is not a valid date: { $why }
date-invalid-help = check day and month, e.g. 2024-02-29 exists only in leap years
date-why-day = { $year }-{ $month } has only { $days } days
date-why-time = the time { $time } does not exist
date-why-offset = the UTC offset is out of range
date-why-range = the date is out of range
slug-invalid = { $key } = "{ $value }" is not a valid slug
slug-invalid-help = use lower-case letters a-z, digits and hyphens only, e.g. { $key } = "{ $suggestion }"
alias-invalid = alias "{ $alias }" is not a path inside the site
alias-invalid-help = an alias is the old URL's path below the site's base path, starting with /, e.g. "/2018/pakt.html" or "/alt/pakt/" (no .., no names starting with a dot, no backslashes, no http://)
file-image-bad-path = the image "{ $path }" is not a file path of this site
file-attachment-bad-path = the attachment "{ $path }" is not a file path of this site
file-image-missing = the image file "{ $path }" does not exist
file-attachment-missing = the attachment file "{ $path }" does not exist
file-did-you-mean = did you mean "{ $best }"? Files are looked up in the release's bundle folder, then in static/
file-missing-help = put the file next to the release's index.md (make the release a folder) or in static/, and give its path
file-name-no-slug = the file name "{ $name }" gives no URL slug
page-no-slug-help = rename the file, e.g. impressum.md
release-no-slug-help = rename the file to letters and digits, e.g. 2024-01-31-foerderung.md, or set slug = "…"
release-title-empty = the title is empty
release-title-empty-help = write the headline: title = "…"
release-kicker-no-topic = the kicker "{ $kicker }" has no letters or digits for its topic URL
release-kicker-no-topic-help = write a word as kicker, e.g. kicker = "Integration"
release-alt-empty = the image's alt text is empty
release-alt-empty-help = describe what the image shows for readers who cannot see it: alt = "…"
release-alt-missing = the image has no alt text
release-alt-missing-help = add alt = "…" to [image], describing what the image shows (required for accessibility)
history-withdrawal-before = the withdrawal date { $when } is before the release's date { $date }
history-change-before = the change date { $when } is before the release's date { $date }
history-before-help = check both dates: a release can only change or be withdrawn after it was published
history-reason-empty = the reason for the withdrawal is empty
history-reason-empty-help = say why readers should no longer rely on the release: reason = "…"
history-note-empty = the note of this change is empty
history-note-empty-help = say what changed for readers: note = "…"
record-bad-file-name = the file name "{ $name }" is not a valid slug
record-bad-file-name-help = rename the file to lower-case letters a-z, digits and hyphens
record-rename-help = rename it to "{ $suggestion }.toml" (the file name is the slug other files refer to)
record-negative = { $key } = { $value } is negative
record-negative-help = { $key } is an amount and must be 0 or more
record-website = website = "{ $value }" is not a web address
record-website-help = write the full address, e.g. "https://www.example.de/"
record-name-empty = the name is empty
record-programme-name-help = write the programme's name: name = "…"
record-municipality-name-help = write the municipality's name: name = "…"
record-end-before-start = end { $end } is before start { $start }
record-end-before-start-help = swap the dates or fix the year
record-year = year = { $value } is not a plausible year
record-year-help = write the four-digit year, e.g. year = 2018
record-ags = ags = "{ $value }" is not an 8-digit official municipality key
record-ags-help = write the Amtlicher Gemeindeschlüssel as 8 digits in quotes, with leading zeros, e.g. ags = "08315070"
record-coordinates-range = coordinates [{ $lat }, { $lon }] are out of range
record-coordinates-range-help = write [latitude, longitude]: latitude between -90 and 90, longitude between -180 and 180, e.g. [47.88, 8.34]
record-coordinates-count = coordinates need exactly two numbers
record-coordinates-count-help = write [latitude, longitude], e.g. [47.88, 8.34]

## References between files (resolve/)

ref-unknown-programme = unknown programme "{ $slug }"
ref-unknown-municipality = unknown municipality "{ $slug }"
ref-unknown-parent = unknown parent programme "{ $slug }"
ref-unknown-district = unknown district "{ $slug }"
ref-unknown-member = unknown member municipality "{ $slug }"
ref-create-help = create { $folder }{ $slug }.toml, or fix the slug (it is the record's file name without .toml)
ref-did-you-mean = did you mean { $near }? (or create { $folder }{ $slug }.toml)
ref-listed-twice = "{ $slug }" is listed twice in { $key }
ref-listed-twice-help = remove the second entry
ref-cycle = { $key } "{ $slug }" leads in a circle ({ $chain })
ref-cycle-help = a record cannot be its own { $key }, directly or through others: remove or change one { $key } link
release-slug-taken = the slug "{ $slug }" of { $file } is already used in { $year } by { $other }
release-slug-taken-help = two releases of one year need different slugs: rename one file or set slug = "…"

## The mention check (mention/)

mention-not-listed = "{ $name }" is named in the text but not listed in { $lists }
mention-add = add { $slugs } to { $key } = [...]
mention-add-two = add { $slugs } to { $key } = [...], or { $slugs2 } to { $key2 } = [...]
mention-members = { $help }; listing { $listed } does not put the release on the page of "{ $slug }"

## Templates (render/templates.rs)

template-missing = the theme has no template { $name }
template-missing-help = add templates/{ $name }, or remove the theme line from config.toml to use the built-in theme
template-search-missing-help = add templates/{ $name } (the built-in theme's is a start), or switch the search off with [outputs] search = false in config.toml
template-mismatch = the templates do not fit together: { $detail }
template-mismatch-help = check the names in {"{"}% extends %{"}"} and {"{"}% block %{"}"}, and the filters and components the templates use
template-error = template error: { $detail }
template-error-help = fix the template syntax; see https://keats.github.io/tera/docs/ for Tera's syntax
template-tera1-help = this template uses Tera 1's macros: since herold uses Tera 2, {"{"}% macro %{"}"} becomes {"{"}% component %{"}"}, the {"{"}% import %{"}"} line goes, and a call is written {"{{"}<name arg={"{"}value{"}"} />{"}}"}; see the README's template section
template-undefined = template error in { $file }: the variable `{ $var }` is not defined
template-did-you-mean = did you mean `{ $best }`? See the README's template section for the values each template gets
template-no-such-value = this value does not exist here; see the README's template section for the values each template gets

## Output (output/, pipeline.rs)

output-two-files = two files for the output path { $path }: from { $first } and from { $second }
output-two-files-help = rename one of them (a static file, a page slug or an alias) so each URL is made once
output-two-files-held-help = rename one of them (a page slug or an alias) so each URL is made once; drafts and embargoed releases count too
origin-alias = alias in { $source }
origin-home = home page
origin-archive = archive
origin-archive-first = archive page 1
origin-year = year { $year }
origin-topic-index = topic index
origin-topic = topic { $topic }
origin-programme-index = programme index
origin-municipality-index = municipality index
origin-not-found = 404 page
origin-search = search page
origin-feed = feed
origin-events = events page
origin-calendar = calendar
origin-data-page = open-data page
origin-data = open data
output-write-failed = cannot write { $path } into { $dir }: { $reason }
output-write-failed-help = check free disk space and the permissions of the output folder's parent
commit-refused = refusing to write into { $path }: { $why }
refuse-site-folder = it is the site folder or one of its parents; choose a separate folder such as public/
refuse-inside = it is inside the site's { $folder }/ folder; choose a separate folder such as public/
refuse-not-ours = it is not empty and was not made by herold (it has no .herold-output marker); empty it or choose another folder
refuse-file = it is a file, not a folder
refuse-foreign = it holds files herold did not write ({ $files }); a build would delete them. Move them to static/ (herold then publishes them) or delete them
refuse-foreign-more = it holds files herold did not write ({ $files } and { $more } more); a build would delete them. Move them to static/ (herold then publishes them) or delete them
commit-create = cannot create { $path }: { $reason }
commit-read = cannot read { $path }: { $reason }
commit-write = cannot write { $path }: { $reason }
commit-move-aside = cannot move aside { $path }: { $reason }
commit-move-into-place = cannot move into place { $path }: { $reason }
commit-swap-in = cannot swap in { $path }: { $reason }
output-other-help = pass another --output folder
output-public-help = empty or remove the public/ folder, or pass --output

## The command line (main.rs)

note-hidden-warnings = { $count } more warnings not shown (--all-warnings shows them)
note-hidden-warnings-serve = { $count } more warnings not shown (herold check --all-warnings lists them)
note-next-embargo = the next embargoed or future-dated release becomes public at { $at }; rebuild then to publish it
summary-build-failed = build failed; the previous output was left unchanged: { $errors } error(s), { $warnings } warning(s){ $denied ->
        [yes] {" "}(--deny-warnings)
       *[no] {""}
    }
summary-check-failed = check failed: { $errors } error(s), { $warnings } warning(s){ $denied ->
        [yes] {" "}(--deny-warnings)
       *[no] {""}
    }
cli-bad-now = { $detail }; write e.g. 2024-05-01T10:00:00+02:00
cli-bad-lang = use de or en

## The preview (serve/)

serve-overlay-title = herold: { $errors ->
        [one] 1 error
       *[other] { $errors } errors
    }. The preview shows the last good version.
serve-overlay-fix = Fix the file and save it; this message goes away by itself.
serve-not-built = the site does not build yet
serve-not-built-help = herold shows what is wrong; fix it and save, and this page reloads by itself.
serve-root = cannot serve { $path }: { $reason }
serve-bind = cannot listen on { $addr }: { $reason }; stop the program using it or pass another --port (or --bind)
serve-watch = cannot watch { $path } for changes: { $reason }
serve-watcher-problem = file watcher: { $problem }

## Scaffolding (herold init, herold new)

new-no-site = { $dir } has no config.toml: it is not a herold site (start one with `herold init DIR`, or pass --root)
new-not-empty = { $dir } is not empty; herold starts a new site only in an empty or new folder (name another folder)
new-initialised = New site created in { $dir }. Next:
    {"  "}cd { $dir }
    {"  "}herold serve          preview in the browser
    {"  "}herold new release "Title"
    Before publishing: set base_url in config.toml and fill in the placeholders [in square brackets] in content/pages/.
new-exists = { $path } exists already; herold never overwrites a file (choose another title or name, or edit that file)
new-no-slug = "{ $name }" gives no file name: it needs at least one letter or digit
new-no-name = name missing: `herold new municipality NAME` or `herold new municipality --ags 08315070`
new-unknown-ags = herold does not know the official key { $ags }: built in are the 8-digit keys of Baden-Württemberg's municipalities and the 5-digit keys of its districts (e.g. 08315070 for Löffingen); for other places give the name and fill in the facts yourself
new-io = could not write { $path }: { $reason }
new-wrote = created { $path }
new-missing-district = note: the district { $slug } has no record yet, so the `district` line is commented out (create it with `herold new municipality --ags { $ags }`)
