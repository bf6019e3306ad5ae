//! Decoding of the header lines: date-time group, banner, captions, E.O., TAGS, SUBJECT, REF.
