"""Filing pack (JSON / CSV / PDF summary / zip), the impact-assessment report's content, deadlines."""
