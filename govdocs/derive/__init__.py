"""Values derived from decision records: deadlines and similar computed facts."""
