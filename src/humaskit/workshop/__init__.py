"""The workshop room: the server that serves apps/ to a room of participants (server, command), the
shared store (store), joining and the apps' work in the store (room), the facilitator's dashboard."""
