from framsteg.cli import main

main()
