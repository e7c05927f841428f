"""What a trainee sees: widgets, charts, the HTML report and the memo export."""
