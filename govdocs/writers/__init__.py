"""Writers: each translates a :class:`govdocs.document.model.Document` into one
format (``html``, ``pdf``, ``docx``, ``txt``) and returns its bytes. They make
no layout decisions of their own; those are in the document builders."""
