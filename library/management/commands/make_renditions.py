"""Make the renditions of library images again, e.g. after a new kind was added to library.models.KINDS."""

from django.core.management.base import BaseCommand

from library.models import KINDS, Image, rendition_key


class Command(BaseCommand):
    help = "Make the renditions of library images that lack a kind (--all: of every image)."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Make them again for every image.")

    def handle(self, *args, **options):
        wanted = {rendition_key(kind, fmt) for kind, (_ratio, _widths, formats) in KINDS.items() for fmt in formats}
        made = 0
        for image in Image.objects.order_by("pk").iterator():
            if options["all"] or not wanted <= set(image.renditions or {}):
                image.make_renditions()
                made += 1
        self.stdout.write(f"Renditions made for {made} image(s).")
