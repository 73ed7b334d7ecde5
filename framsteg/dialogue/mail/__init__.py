"""E-mail to the safety address: read from a mailbox, parsed, and registered as a case or as a message from
the resident on the case it adds to.

- `parsing`: a raw message read into a `ParsedMail` (sender, language, attachments, and the text from `text`).
- `text`: plain text from HTML and format=flowed parts, without signatures or (in replies) quoted messages.
- `authentication`: whether our own mail server verified the sender (RFC 8601 Authentication-Results).
- `replies`: the existing case a message adds to, when it answers our e-mail or names its reference and its
  sender is verified.
- `sources`: reading a maildir or an IMAP mailbox (`read_maildir`, `read_imap`), one message at a time.

Registering a message (a new safety case, or a message from the resident on an existing case) and confirming
it to the sender are writes, in `framsteg.dialogue.services.safety_mail`.
"""
