# Die Meldungen von herold auf Deutsch. Jede ID hier muss es auch in en.ftl geben, mit
# denselben Variablen (das prüfen die Tests in src/diag/i18n/tests.rs, ebenso, dass jede ID
# verwendet wird). Anrede: Sie. Werte, Schlüssel und Pfade bleiben wie geschrieben, in
# "geraden Anführungszeichen" oder `Backticks`.

## Wörter des Berichts

label-error = Fehler
label-warning = Warnung
label-help = Hilfe
label-note = Hinweis
word-or = oder
word-and = und

## Die Website lesen (source.rs)

source-no-config = Im Ordner { $dir } liegt keine config.toml
source-no-config-help = Starten Sie herold in einem Website-Ordner, geben Sie --root ORDNER an, oder legen Sie eine config.toml mit title und base_url an
source-no-content = Die Website hat keinen Ordner content/
source-no-content-help = Legen Sie den Ordner content/releases/ an und speichern Sie darin die Pressemitteilungen als Markdown-Dateien
source-theme-not-found = Das Theme "{ $name }" gibt es nicht: Es fehlt der Ordner themes/{ $name }/
source-theme-not-found-help = Korrigieren Sie den Namen des Themes, legen Sie den Theme-Ordner an, oder löschen Sie die Zeile theme, dann gilt das eingebaute Theme
source-link-loop = Eine symbolische Verknüpfung führt hier zurück in einen übergeordneten Ordner (eine Schleife)
source-cannot-read = Kann nicht gelesen werden: { $reason }
source-fix-link = Korrigieren oder entfernen Sie die Verknüpfung, oder ändern Sie die Zugriffsrechte der Datei
source-ignored-flat = Ignoriert: Aus diesem Ordner liest herold nur *.{ $ext }-Dateien, die direkt darin liegen
source-ignored-flat-help = Verschieben Sie die Datei oder benennen Sie sie um, z. B. in NAME.{ $ext }
source-read-failed = Die Datei kann nicht gelesen werden: { $reason }
source-read-failed-help = Prüfen Sie, ob es die Datei gibt und ob sie lesbar ist
source-not-utf8 = Die Datei ist kein gültiges UTF-8 (Byte 0x{ $byte })
source-not-utf8-help = Speichern Sie die Datei in der Kodierung UTF-8 (vermutlich ist sie in Windows-1252 oder Latin-1 gespeichert)
source-ignored-release = Ignoriert: keine Markdown-Datei (*.md) und nicht im Ordner einer Pressemitteilung (Bundle)
source-ignored-release-help = Bilder und Anhänge gehören in den Bundle-Ordner neben dessen index.md, oder nach static/
source-ignored-content = Ignoriert: In content/ liest herold nur die Ordner releases/, programmes/, municipalities/ und pages/
source-ignored-content-help = Verschieben Sie es in einen dieser Ordner, oder nach static/, wenn es unverändert veröffentlicht werden soll

## Gründe des Betriebssystems

io-not-found = Datei oder Ordner gibt es nicht
io-permission-denied = keine Zugriffsberechtigung
io-other = Meldung des Systems: „{ $detail }“

## TOML (toml_de.rs): wo, was, und was stattdessen zu schreiben ist

toml-in-front-matter = im Front Matter
toml-in-page-front-matter = im Front Matter der Seite
toml-in-programme = im Datensatz des Programms
toml-in-municipality = im Datensatz der Kommune
toml-in-config = in der config.toml
toml-unknown-key = Unbekannter Schlüssel `{ $key }` { $what }
toml-unknown-key-did-you-mean = Meinten Sie `{ $best }`? (Erlaubte Schlüssel: { $allowed })
toml-unknown-key-extra = Entfernen Sie ihn, oder schreiben Sie eigene Angaben unter [extra]; erlaubte Schlüssel: { $allowed }
toml-unknown-key-remove = Entfernen Sie ihn; erlaubte Schlüssel: { $allowed }
toml-missing-key = Der Pflichtschlüssel `{ $key }` fehlt { $what }
toml-missing-key-help = Ergänzen Sie eine Zeile `{ $key } = …`
toml-unknown-value = Unbekannter Wert `{ $value }` für `{ $key }` { $what }
toml-unknown-value-help = Verwenden Sie einen dieser Werte: { $allowed }
toml-wrong-type = Falsche Art von Wert { $what }: `{ $key }` ist `{ $value }`, muss aber { $expected } sein
toml-invalid-date = Ungültiges Datum oder ungültige Uhrzeit { $what } ({ $detail })
toml-invalid-date-help = Prüfen Sie Tag und Monat (z. B. 2018-02-28; den 29. Februar gibt es nur in Schaltjahren) und schreiben Sie Daten wie 2018-05-28 oder 2018-05-28T10:00:00+02:00, ohne Anführungszeichen
toml-duplicate-key = Der Schlüssel `{ $key }` steht zweimal { $what }
toml-duplicate-key-help = Jeder Schlüssel darf nur einmal vorkommen: Löschen Sie einen davon
toml-invalid = Ungültiges TOML { $what } ({ $detail })
toml-invalid-help = Prüfen Sie die Anführungszeichen und die Schreibweise `schlüssel = wert`; Texte brauchen "doppelte Anführungszeichen"
toml-detail = Meldung des TOML-Lesers: „{ $detail }“

type-image = eine Tabelle [image]
type-event = eine Tabelle [event]
type-attachment = eine Tabelle [[attachments]]
type-contact = eine Tabelle [[contacts]]
type-participant = eine Tabelle [[participants]]
type-table = eine Tabelle [{ $key }]
type-string = ein Text in doppelten Anführungszeichen
type-boolean = ein Wahrheitswert (true oder false)
type-map = eine Tabelle ([{ $key }])
type-sequence = eine Liste in eckigen Klammern
type-number = eine Zahl
type-integer = eine ganze Zahl
type-datetime = ein Datum oder Datum und Uhrzeit
type-other = von der Art „{ $expected }“

type-help-image = Schreiben Sie eine Tabelle: eine Zeile [image], darunter src = "bild.jpg" und alt = "was das Bild zeigt"
type-help-event = Schreiben Sie eine Tabelle: eine Zeile [event], darunter name = "…" und start = 2024-05-01 (end und place nach Bedarf)
type-help-attachment = Schreiben Sie jeden Anhang als Tabelle: eine Zeile [[attachments]], darunter title = "…" und file = "…"
type-help-contact = Schreiben Sie jeden Kontakt als Tabelle: eine Zeile [[contacts]], darunter name = "…" (role, phone und email nach Bedarf)
type-help-participant = Schreiben Sie jede teilnehmende Kommune als Tabelle: eine Zeile [[participants]], darunter municipality = "slug"
type-help-table = Schreiben Sie eine Tabelle: eine Zeile [{ $key }], darunter Zeilen der Form schlüssel = wert
type-help-string = Setzen Sie den Wert in doppelte Anführungszeichen, z. B. "…"
type-help-boolean = Schreiben Sie true oder false, ohne Anführungszeichen
type-help-sequence = Schreiben Sie eine Liste in eckigen Klammern, z. B. ["a", "b"]
type-help-number = Schreiben Sie Zahlen ohne Anführungszeichen, z. B. [47.88, 8.34]
type-help-integer = Schreiben Sie eine ganze Zahl ohne Anführungszeichen und ohne Trennzeichen, z. B. 40000
type-help-date = Schreiben Sie ein Datum wie 2018-05-28 oder Datum und Uhrzeit mit Zeitzone wie 2018-05-28T10:00:00+02:00 (ohne Anführungszeichen)
type-help-other = Welche Art von Wert dieser Schlüssel erwartet, steht in der README

## config.toml (config.rs)

config-base-url = base_url `{ $url }` ist nicht verwendbar: { $why }
config-base-url-help = Schreiben Sie eine vollständige http(s)-Adresse, z. B. "https://presse.example.org" oder "https://example.org/presse/"
url-relative = Es ist keine vollständige Adresse (es fehlt z. B. https://)
url-empty-host = Der Name des Servers fehlt
url-invalid-port = Die Portnummer ist ungültig
url-invalid-domain = Der Name des Servers enthält ein unzulässiges Zeichen
url-invalid-address = Die IP-Adresse ist ungültig
url-other = Meldung: „{ $detail }“
url-scheme = Das Schema muss http oder https sein, nicht { $scheme }
url-no-host = Der Name des Servers fehlt
url-query = Sie darf keine Abfrage (?…) und keinen Anker (#…) haben
config-title-empty = title ist leer
config-title-empty-help = Geben Sie der Website einen Namen, z. B. title = "Pressemitteilungen"
config-per-page = per_page = { $value } ist keine positive Zahl
config-per-page-help = Geben Sie an, wie viele Pressemitteilungen eine Archivseite zeigt, z. B. per_page = 20
config-path-word = [paths] { $key } = "{ $word }" ist kein gültiges Wort für Adressen
config-path-twice = [paths] verwendet das Wort "{ $word }" zweimal
config-path-twice-help = Jeder Bereich braucht sein eigenes Wort in der Adresse
config-data-license = data_license braucht einen Namen (name) und eine vollständige http(s)-Adresse (url)
config-data-license-help = z. B. data_license = {"{"} name = "Datenlizenz Deutschland – Zero – Version 2.0", url = "https://www.govdata.de/dl-de/zero-2-0" {"}"}
slug-chars = Verwenden Sie nur Kleinbuchstaben a-z, Ziffern und Bindestriche

## Front Matter (frontmatter.rs)

fm-empty = Die Datei ist leer
fm-empty-help = Eine Pressemitteilung beginnt mit einem Front-Matter-Block: eine Zeile +++, title = "…", date = 2024-01-31, eine Zeile +++, danach der Text
fm-yaml = Das Front Matter ist mit --- eingefasst (YAML), herold liest aber TOML zwischen zwei Zeilen +++
fm-yaml-help = Ersetzen Sie beide Zeilen --- durch +++ und schreiben Sie die Schlüssel als TOML: title = "…"
fm-no-start = Die Datei beginnt nicht mit einem Front-Matter-Block (einer Zeile +++)
fm-no-start-help = Schreiben Sie ganz oben eine Zeile +++, darunter title = "…" und date = …, dann wieder eine Zeile +++
fm-not-closed = Der Front-Matter-Block wird nicht geschlossen
fm-not-closed-help = Schreiben Sie nach dem letzten Schlüssel des Front Matter, vor dem Text, eine Zeile +++

## Werte von Pressemitteilungen, Seiten und Datensätzen (model/)

key-event-start = [event] start
key-event-end = [event] end
key-withdrawn-date = [withdrawn] date
key-change-date = [[changes]] date
date-no-offset-embargo = { $key } = { $value } hat keine Zeitzone (Abstand zu UTC)
date-no-offset-embargo-help = Eine Sperrfrist muss ihre Zeitzone angeben, z. B. { $key } = 2024-05-01T10:00:00+02:00 (Sommerzeit) oder +01:00 (Winterzeit)
date-no-offset = { $key } = { $value } hat eine Uhrzeit, aber keine Zeitzone (Abstand zu UTC)
date-no-offset-help = Schreiben Sie nur ein Datum ({ $key } = 2024-05-01) oder ergänzen Sie die Zeitzone ({ $key } = 2024-05-01T10:00:00+02:00)
date-no-date = { $key } = { $value } ist eine Uhrzeit ohne Datum
date-no-date-embargo-help = Schreiben Sie Datum, Uhrzeit und Zeitzone, z. B. { $key } = 2024-05-01T10:00:00+02:00
date-no-date-help = Schreiben Sie ein Datum, z. B. { $key } = 2024-05-01
date-invalid = { $key } = { $value } ist kein gültiges Datum: { $why }
date-invalid-help = Prüfen Sie Tag und Monat; den 2024-02-29 gibt es z. B. nur, weil 2024 ein Schaltjahr ist
date-why-day = Der Monat { $month }/{ $year } hat nur { $days } Tage
date-why-time = Die Uhrzeit { $time } gibt es nicht
date-why-offset = Die Zeitzone liegt außerhalb des möglichen Bereichs
date-why-range = Das Datum liegt außerhalb des möglichen Bereichs
slug-invalid = { $key } = "{ $value }" ist kein gültiger Slug (Name in der Adresse)
slug-invalid-help = Verwenden Sie nur Kleinbuchstaben a-z, Ziffern und Bindestriche, z. B. { $key } = "{ $suggestion }"
alias-invalid = Der Alias "{ $alias }" ist kein Pfad innerhalb der Website
alias-invalid-help = Ein Alias ist der Pfad der alten Adresse unterhalb des Basispfads der Website, beginnend mit /, z. B. "/2018/pakt.html" oder "/alt/pakt/" (ohne .., ohne Namen mit einem Punkt am Anfang, ohne Backslashes, ohne http://)
file-image-bad-path = Das Bild "{ $path }" ist kein Dateipfad dieser Website
file-attachment-bad-path = Der Anhang "{ $path }" ist kein Dateipfad dieser Website
file-image-missing = Die Bilddatei "{ $path }" gibt es nicht
file-attachment-missing = Die Datei des Anhangs "{ $path }" gibt es nicht
file-did-you-mean = Meinten Sie "{ $best }"? Dateien werden zuerst im Bundle-Ordner der Pressemitteilung gesucht, dann in static/
file-missing-help = Legen Sie die Datei neben die index.md der Pressemitteilung (dazu wird die Pressemitteilung ein Ordner) oder nach static/, und geben Sie ihren Pfad an
file-name-no-slug = Aus dem Dateinamen "{ $name }" lässt sich kein Slug (Name in der Adresse) bilden
page-no-slug-help = Benennen Sie die Datei um, z. B. in impressum.md
release-no-slug-help = Benennen Sie die Datei mit Buchstaben und Ziffern, z. B. 2024-01-31-foerderung.md, oder setzen Sie slug = "…"
release-title-empty = Der Titel (title) ist leer
release-title-empty-help = Schreiben Sie die Überschrift: title = "…"
release-kicker-no-topic = Die Dachzeile (kicker) "{ $kicker }" enthält keine Buchstaben oder Ziffern für die Adresse ihrer Themenseite
release-kicker-no-topic-help = Schreiben Sie ein Wort als Dachzeile, z. B. kicker = "Integration"
release-alt-empty = Der Alternativtext (alt) des Bildes ist leer
release-alt-empty-help = Beschreiben Sie für Menschen, die das Bild nicht sehen können, was es zeigt: alt = "…"
release-alt-missing = Das Bild hat keinen Alternativtext (alt)
release-alt-missing-help = Ergänzen Sie unter [image] alt = "…" mit einer Beschreibung dessen, was das Bild zeigt (Pflicht für die Barrierefreiheit)
history-withdrawal-before = Das Datum der Rücknahme { $when } liegt vor dem Datum der Pressemitteilung, { $date }
history-change-before = Das Datum der Änderung { $when } liegt vor dem Datum der Pressemitteilung, { $date }
history-before-help = Prüfen Sie beide Daten: Eine Pressemitteilung kann erst nach ihrer Veröffentlichung geändert oder zurückgezogen werden
history-reason-empty = Der Grund der Rücknahme (reason) ist leer
history-reason-empty-help = Schreiben Sie, warum man sich nicht mehr auf die Pressemitteilung verlassen soll: reason = "…"
history-note-empty = Die Notiz zu dieser Änderung (note) ist leer
history-note-empty-help = Schreiben Sie für die Leserinnen und Leser, was sich geändert hat: note = "…"
record-bad-file-name = Der Dateiname "{ $name }" ist kein gültiger Slug (Name in der Adresse)
record-bad-file-name-help = Benennen Sie die Datei um: nur Kleinbuchstaben a-z, Ziffern und Bindestriche
record-rename-help = Benennen Sie sie in "{ $suggestion }.toml" um (mit dem Dateinamen verweisen andere Dateien auf diesen Datensatz)
record-negative = { $key } = { $value } ist negativ
record-negative-help = { $key } ist ein Betrag und muss 0 oder größer sein
record-website = website = "{ $value }" ist keine Webadresse
record-website-help = Schreiben Sie die vollständige Adresse, z. B. "https://www.example.de/"
record-name-empty = Der Name (name) ist leer
record-programme-name-help = Schreiben Sie den Namen des Programms: name = "…"
record-municipality-name-help = Schreiben Sie den Namen der Kommune: name = "…"
record-end-before-start = Das Ende (end) { $end } liegt vor dem Beginn (start) { $start }
record-end-before-start-help = Tauschen Sie die beiden Daten oder korrigieren Sie das Jahr
record-year = year = { $value } ist kein plausibles Jahr
record-year-help = Schreiben Sie das Jahr mit vier Ziffern, z. B. year = 2018
record-ags = ags = "{ $value }" ist kein achtstelliger Amtlicher Gemeindeschlüssel
record-ags-help = Schreiben Sie den Amtlichen Gemeindeschlüssel als 8 Ziffern in Anführungszeichen, mit führenden Nullen, z. B. ags = "08315070"
record-coordinates-range = coordinates [{ $lat }, { $lon }] liegen außerhalb des gültigen Bereichs
record-coordinates-range-help = Schreiben Sie [Breite, Länge]: die Breite zwischen -90 und 90, die Länge zwischen -180 und 180, z. B. [47.88, 8.34]
record-coordinates-count = coordinates braucht genau zwei Zahlen
record-coordinates-count-help = Schreiben Sie [Breite, Länge], z. B. [47.88, 8.34]

## Verweise zwischen Dateien (resolve/)

ref-unknown-programme = Unbekanntes Programm "{ $slug }"
ref-unknown-municipality = Unbekannte Kommune "{ $slug }"
ref-unknown-parent = Unbekanntes übergeordnetes Programm (parent) "{ $slug }"
ref-unknown-district = Unbekannter Kreis (district) "{ $slug }"
ref-unknown-member = Unbekannte Mitgliedskommune (members) "{ $slug }"
ref-create-help = Legen Sie { $folder }{ $slug }.toml an, oder korrigieren Sie den Slug (er ist der Dateiname des Datensatzes ohne .toml)
ref-did-you-mean = Meinten Sie { $near }? (Oder legen Sie { $folder }{ $slug }.toml an)
ref-listed-twice = "{ $slug }" steht zweimal in { $key }
ref-listed-twice-help = Löschen Sie den zweiten Eintrag
ref-cycle = { $key } "{ $slug }" führt im Kreis ({ $chain })
ref-cycle-help = Ein Datensatz kann über { $key } nicht auf sich selbst verweisen, weder direkt noch über andere: Entfernen oder ändern Sie eine der Angaben { $key }
release-slug-taken = Den Slug "{ $slug }" von { $file } verwendet im Jahr { $year } schon { $other }
release-slug-taken-help = Zwei Pressemitteilungen eines Jahres brauchen verschiedene Slugs: Benennen Sie eine Datei um oder setzen Sie slug = "…"

## Die Prüfung genannter Orte und Programme (mention/)

mention-not-listed = "{ $name }" wird im Text genannt, steht aber nicht in { $lists }
mention-add = Ergänzen Sie { $slugs } in { $key } = [...]
mention-add-two = Ergänzen Sie { $slugs } in { $key } = [...] oder { $slugs2 } in { $key2 } = [...]
mention-members = { $help }; steht nur { $listed } in der Liste, erscheint die Pressemitteilung nicht auf der Seite von "{ $slug }"

## Vorlagen (render/templates.rs)

template-missing = Dem Theme fehlt die Vorlage { $name }
template-missing-help = Legen Sie templates/{ $name } an, oder löschen Sie die Zeile theme in der config.toml, dann gilt das eingebaute Theme
template-search-missing-help = Legen Sie templates/{ $name } an (die Vorlage des eingebauten Themes ist ein guter Anfang), oder schalten Sie die Suche mit [outputs] search = false in der config.toml ab
template-mismatch = Die Vorlagen passen nicht zusammen. Meldung von Tera: „{ $detail }“
template-mismatch-help = Prüfen Sie die Namen in {"{"}% extends %{"}"} und {"{"}% block %{"}"} und die Filter und Komponenten, die die Vorlagen verwenden
template-error = Fehler in der Vorlage. Meldung von Tera: „{ $detail }“
template-error-help = Korrigieren Sie die Schreibweise der Vorlage; die Syntax von Tera steht unter https://keats.github.io/tera/docs/
template-tera1-help = Diese Vorlage verwendet die Makros von Tera 1. Seit herold Tera 2 verwendet, wird aus {"{"}% macro %{"}"} ein {"{"}% component %{"}"}, die Zeile {"{"}% import %{"}"} entfällt, und ein Aufruf lautet {"{{"}<name arg={"{"}wert{"}"} />{"}}"}; siehe den Abschnitt über Vorlagen in der README
template-undefined = Fehler in der Vorlage { $file }: Die Variable `{ $var }` ist nicht definiert
template-did-you-mean = Meinten Sie `{ $best }`? Welche Werte jede Vorlage bekommt, steht im Abschnitt über Vorlagen in der README
template-no-such-value = Diesen Wert gibt es hier nicht; welche Werte jede Vorlage bekommt, steht im Abschnitt über Vorlagen in der README

## Ausgabe (output/, pipeline.rs)

output-two-files = Zwei Dateien für denselben Ausgabepfad { $path }: aus { $first } und aus { $second }
output-two-files-help = Benennen Sie eine davon um (eine statische Datei, den Slug einer Seite oder einen Alias), damit jede Adresse nur einmal entsteht
output-two-files-held-help = Benennen Sie eine davon um (den Slug einer Seite oder einen Alias), damit jede Adresse nur einmal entsteht; Entwürfe und Pressemitteilungen mit Sperrfrist zählen mit
origin-alias = Alias in { $source }
origin-home = Startseite
origin-archive = Archiv
origin-archive-first = Archivseite 1
origin-year = Jahr { $year }
origin-topic-index = Themenübersicht
origin-topic = Thema { $topic }
origin-programme-index = Programmübersicht
origin-municipality-index = Kommunenübersicht
origin-not-found = Seite 404
origin-search = Suchseite
origin-feed = Feed
origin-events = Terminseite
origin-calendar = Kalender
origin-data-page = Seite der offenen Daten
origin-data = offene Daten
output-write-failed = { $path } kann nicht nach { $dir } geschrieben werden: { $reason }
output-write-failed-help = Prüfen Sie den freien Speicherplatz und die Zugriffsrechte des Ordners, in dem der Ausgabeordner liegt
commit-refused = herold schreibt nicht in { $path }: { $why }
refuse-site-folder = Das ist der Ordner der Website oder ein Ordner darüber; wählen Sie einen eigenen Ordner wie public/
refuse-inside = Er liegt im Ordner { $folder }/ der Website; wählen Sie einen eigenen Ordner wie public/
refuse-not-ours = Er ist nicht leer und wurde nicht von herold angelegt (die Markierung .herold-output fehlt); leeren Sie ihn oder wählen Sie einen anderen Ordner
refuse-file = Das ist eine Datei, kein Ordner
refuse-foreign = Darin liegen Dateien, die herold nicht geschrieben hat ({ $files }); ein Bauen würde sie löschen. Verschieben Sie sie nach static/ (dann veröffentlicht herold sie) oder löschen Sie sie
refuse-foreign-more = Darin liegen Dateien, die herold nicht geschrieben hat ({ $files } und { $more } weitere); ein Bauen würde sie löschen. Verschieben Sie sie nach static/ (dann veröffentlicht herold sie) oder löschen Sie sie
commit-create = { $path } kann nicht angelegt werden: { $reason }
commit-read = { $path } kann nicht gelesen werden: { $reason }
commit-write = { $path } kann nicht geschrieben werden: { $reason }
commit-move-aside = { $path } kann nicht beiseitegelegt werden: { $reason }
commit-move-into-place = { $path } kann nicht an seinen Platz verschoben werden: { $reason }
commit-swap-in = { $path } kann nicht ausgetauscht werden: { $reason }
output-other-help = Geben Sie mit --output einen anderen Ordner an
output-public-help = Leeren oder löschen Sie den Ordner public/, oder geben Sie mit --output einen anderen an

## Die Befehlszeile (main.rs)

note-hidden-warnings = { $count ->
        [one] 1 weitere Warnung nicht angezeigt
       *[other] { $count } weitere Warnungen nicht angezeigt
    } (--all-warnings zeigt alle)
note-hidden-warnings-serve = { $count ->
        [one] 1 weitere Warnung nicht angezeigt
       *[other] { $count } weitere Warnungen nicht angezeigt
    } (herold check --all-warnings zeigt alle)
note-next-embargo = Die nächste Pressemitteilung mit Sperrfrist oder künftigem Datum wird am { $at } öffentlich; bauen Sie die Website dann neu, um sie zu veröffentlichen
summary-build-failed = Nicht gebaut, die bisherige Ausgabe bleibt unverändert: { $errors } Fehler, { $warnings ->
        [one] 1 Warnung
       *[other] { $warnings } Warnungen
    }{ $denied ->
        [yes] {" "}(--deny-warnings)
       *[no] {""}
    }
summary-check-failed = Prüfung fehlgeschlagen: { $errors } Fehler, { $warnings ->
        [one] 1 Warnung
       *[other] { $warnings } Warnungen
    }{ $denied ->
        [yes] {" "}(--deny-warnings)
       *[no] {""}
    }
cli-bad-now = { $detail }; schreiben Sie z. B. 2024-05-01T10:00:00+02:00
cli-bad-lang = Erlaubt sind de und en

## Die Vorschau (serve/)

serve-overlay-title = herold: { $errors ->
        [one] 1 Fehler
       *[other] { $errors } Fehler
    }. Die Vorschau zeigt den letzten fehlerfreien Stand.
serve-overlay-fix = Korrigieren und speichern Sie die Datei; diese Meldung verschwindet dann von selbst.
serve-not-built = Die Website lässt sich noch nicht bauen
serve-not-built-help = herold zeigt, was falsch ist; korrigieren und speichern Sie die Datei, dann lädt diese Seite von selbst neu.
serve-root = { $path } kann nicht gezeigt werden: { $reason }
serve-bind = Auf { $addr } kann herold nicht lauschen: { $reason }; beenden Sie das Programm, das die Adresse belegt, oder geben Sie einen anderen --port (oder --bind) an
serve-watch = { $path } kann nicht auf Änderungen überwacht werden: { $reason }
serve-watcher-problem = Dateiüberwachung: { $problem }

## Gerüste (herold init, herold new)

new-no-site = in { $dir } liegt keine config.toml: das ist kein herold-Ordner (neu anlegen mit `herold init ORDNER`, oder --root angeben)
new-not-empty = { $dir } ist nicht leer; herold legt eine neue Website nur in einem leeren oder neuen Ordner an (einen anderen Ordner angeben)
new-initialised = Neue Website in { $dir } angelegt. Weiter mit:
    {"  "}cd { $dir }
    {"  "}herold serve          Vorschau im Browser
    {"  "}herold new release "Titel"
    Vor der Veröffentlichung: base_url in config.toml und die Platzhalter [in eckigen Klammern] in content/pages/ ausfüllen.
new-exists = { $path } gibt es schon; herold überschreibt keine Datei (anderen Titel oder Namen wählen, oder die Datei bearbeiten)
new-no-slug = aus „{ $name }“ lässt sich kein Dateiname bilden: er braucht mindestens einen Buchstaben oder eine Ziffer
new-no-name = Name fehlt: `herold new municipality NAME` oder `herold new municipality --ags 08315070`
new-unknown-ags = den Gemeindeschlüssel { $ags } kennt herold nicht: eingebaut sind die 8-stelligen Schlüssel der Gemeinden und die 5-stelligen der Kreise Baden-Württembergs (z. B. 08315070 für Löffingen); für andere Kommunen den Namen angeben und die Angaben selbst eintragen
new-io = { $path } ließ sich nicht schreiben: { $reason }
new-wrote = { $path } angelegt
new-missing-district = Hinweis: den Kreis { $slug } gibt es noch nicht als Datensatz; die Zeile `district` ist darum auskommentiert (anlegen mit `herold new municipality --ags { $ags }`)
