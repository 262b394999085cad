this is not an executable
