// DriftIngest: from bytes on disk to typed records.
//
// What belongs here: sources (plain and gzip files, stdin), large buffered reads, line splitting,
// the on-demand JSON field extractor, timestamp parsing, and mapping a line to a record per the
// configured field paths. The per-line path allocates nothing and never throws: a bad line is
// classified by reason and counted. What does not: windows, scores, SQL.
