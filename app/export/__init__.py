"""Everything that leaves the desk: proposal letters, maps, briefing pack, audit log. No Qt."""
