"""Publication: what goes on the web and into open data, built from public
copies only (`govdocs.document.redact`), and personal data kept online only
as long as the law allows (:mod:`govdocs.publish.lifecycle`)."""
