"""The workshop room: the server that serves apps/ to a room of participants (server, command)."""
