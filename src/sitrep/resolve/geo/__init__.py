"""Geographic resolution: gazetteer, name folding, place recognition and disambiguation."""
