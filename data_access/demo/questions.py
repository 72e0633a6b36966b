"""Synthetic CAT questions for the demonstration data, in English and Vietnamese.

Better Work's own question texts are not public, so these are written for the project:
sensible questions under each compliance point of the taxonomy, numbered
`<point>-NN` (counted questions first, then fact-gathering ones). For a fact-gathering
question the `non_compliant` flag records a "yes" answer; such questions never count
towards a rate (`data_access.summaries` excludes them), and because their flag is often
true, a query that forgot the exclusion would visibly disagree with the summary.

One renamed code is included so the code mapping is exercised by real rows: the former
point "Unconditional Worst Forms" (CL-UWF), merged into "Hazardous Work and other Worst
Forms" (CL-HAZ) from 2016, is stored retired with two questions that are asked only in
assessments before the merger.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, insert, select

from data_access.models import CodeMapping, CompliancePoint, Question

Text = tuple[str, str]

COUNTED: Mapping[str, tuple[Text, ...]] = {
    "CL-CHL": (
        ("Are there workers under the minimum working age of 15?",
         "Nhà máy có sử dụng người lao động dưới 15 tuổi không?"),
        ("Does the employer check each worker's age against official identity documents "
         "before hiring?",
         "Người sử dụng lao động có kiểm tra tuổi của người lao động bằng giấy tờ tùy thân "
         "hợp lệ trước khi tuyển dụng không?"),
        ("Are children found working on the production floor or in subcontracted work?",
         "Có trẻ em làm việc tại khu vực sản xuất hoặc trong công việc gia công của nhà máy "
         "không?"),
        ("Where child labour was found, was it remediated in line with the programme's "
         "protocol?",
         "Khi phát hiện lao động trẻ em, nhà máy có khắc phục theo quy trình của chương "
         "trình không?"),
    ),
    "CL-HAZ": (
        ("Do workers under 18 do any job on the legal list of work prohibited for minors?",
         "Lao động chưa thành niên có làm công việc thuộc danh mục cấm sử dụng lao động "
         "chưa thành niên không?"),
        ("Are workers under 18 exposed to hazardous chemicals, loud noise or heavy loads?",
         "Lao động chưa thành niên có tiếp xúc với hóa chất độc hại, tiếng ồn lớn hoặc mang "
         "vác nặng không?"),
        ("Do workers under 18 work at night or overtime?",
         "Lao động chưa thành niên có làm việc ban đêm hoặc làm thêm giờ không?"),
        ("Are workers under 18 subjected to any other worst form of child labour?",
         "Lao động chưa thành niên có phải chịu bất kỳ hình thức lao động trẻ em tồi tệ nhất "
         "nào khác không?"),
    ),
    "CL-YNG": (
        ("Does the employer keep a separate register of workers aged 15 to 18?",
         "Người sử dụng lao động có lập sổ theo dõi riêng lao động từ đủ 15 đến dưới 18 tuổi "
         "không?"),
        ("Do workers under 18 have the periodic health checks the law requires?",
         "Lao động chưa thành niên có được khám sức khỏe định kỳ theo quy định không?"),
        ("Do the hours of workers under 18 stay within 8 hours a day and 40 hours a week?",
         "Thời giờ làm việc của lao động chưa thành niên có không quá 8 giờ/ngày và 40 "
         "giờ/tuần không?"),
        ("Has a parent or guardian consented in writing where the law requires it?",
         "Có văn bản đồng ý của cha mẹ hoặc người giám hộ khi pháp luật yêu cầu không?"),
        ("Are workers under 18 given training and tasks suited to their age?",
         "Lao động chưa thành niên có được đào tạo và bố trí công việc phù hợp với lứa tuổi "
         "không?"),
    ),
    "DI-RAC": (
        ("Does the employer discriminate in hiring on the basis of race, ethnicity or origin?",
         "Người sử dụng lao động có phân biệt đối xử khi tuyển dụng vì chủng tộc, dân tộc "
         "hoặc nguồn gốc không?"),
        ("Are pay, promotion or training decided differently for ethnic-minority workers or "
         "workers from other provinces?",
         "Tiền lương, thăng tiến hoặc đào tạo có khác biệt đối với người lao động dân tộc "
         "thiểu số hoặc đến từ tỉnh khác không?"),
        ("Are workers harassed because of their ethnicity or origin?",
         "Người lao động có bị quấy rối vì dân tộc hoặc nguồn gốc của họ không?"),
    ),
    "DI-REL": (
        ("Does the employer discriminate on the basis of religion in hiring, pay or "
         "dismissal?",
         "Người sử dụng lao động có phân biệt đối xử vì tôn giáo khi tuyển dụng, trả lương "
         "hoặc sa thải không?"),
        ("Does the employer discriminate on the basis of political opinion?",
         "Người sử dụng lao động có phân biệt đối xử vì quan điểm chính trị không?"),
        ("Are workers prevented from religious practice that does not affect their work?",
         "Người lao động có bị ngăn cản thực hành tín ngưỡng không ảnh hưởng đến công việc "
         "không?"),
    ),
    "DI-GEN": (
        ("Does the employer ask about pregnancy or require pregnancy tests when hiring?",
         "Người sử dụng lao động có hỏi về việc mang thai hoặc yêu cầu thử thai khi tuyển "
         "dụng không?"),
        ("Are women dismissed or not renewed because of pregnancy, marriage or childcare?",
         "Lao động nữ có bị sa thải hoặc không được gia hạn hợp đồng vì mang thai, kết hôn "
         "hoặc nuôi con nhỏ không?"),
        ("Are job advertisements restricted to one sex without a lawful reason?",
         "Thông báo tuyển dụng có giới hạn giới tính mà không có lý do hợp pháp không?"),
        ("Do women and men receive equal pay for work of equal value?",
         "Lao động nữ và nam có được trả lương ngang nhau cho công việc có giá trị như nhau "
         "không?"),
        ("Are promotion and training decided without regard to sex?",
         "Việc thăng tiến và đào tạo có được quyết định không phân biệt giới tính không?"),
        ("Has the employer adopted and applied rules against sexual harassment at work?",
         "Người sử dụng lao động có ban hành và thực hiện quy định phòng, chống quấy rối "
         "tình dục tại nơi làm việc không?"),
        ("Are there reports of sexual harassment the employer has not dealt with?",
         "Có phản ánh về quấy rối tình dục mà người sử dụng lao động chưa xử lý không?"),
        ("Do pregnant workers and mothers of children under 12 months get the protections "
         "the law requires?",
         "Lao động nữ mang thai và nuôi con dưới 12 tháng tuổi có được hưởng các chế độ bảo "
         "vệ theo quy định không?"),
        ("Are pregnant workers moved to lighter work or shorter hours where the law "
         "requires?",
         "Lao động nữ mang thai có được chuyển sang công việc nhẹ hơn hoặc giảm giờ làm theo "
         "quy định không?"),
    ),
    "DI-OTH": (
        ("Does the employer discriminate on the basis of disability?",
         "Người sử dụng lao động có phân biệt đối xử vì khuyết tật không?"),
        ("Does the employer require HIV tests or discriminate on the basis of HIV status?",
         "Người sử dụng lao động có yêu cầu xét nghiệm HIV hoặc phân biệt đối xử vì tình "
         "trạng HIV không?"),
        ("Does the employer discriminate on the basis of age?",
         "Người sử dụng lao động có phân biệt đối xử vì tuổi tác không?"),
        ("Does the employer discriminate on the basis of social origin or family background?",
         "Người sử dụng lao động có phân biệt đối xử vì thành phần xã hội hoặc hoàn cảnh "
         "gia đình không?"),
        ("Are workers with disabilities given reasonable adjustments at work?",
         "Người lao động khuyết tật có được bố trí điều kiện làm việc phù hợp không?"),
    ),
    "FL-COE": (
        ("Does the employer keep workers' identity papers or original certificates against "
         "their will?",
         "Người sử dụng lao động có giữ bản chính giấy tờ tùy thân hoặc văn bằng của người "
         "lao động trái ý muốn của họ không?"),
        ("Are workers confined to the factory or its dormitories?",
         "Người lao động có bị hạn chế đi lại trong nhà máy hoặc ký túc xá không?"),
        ("Does the employer use threats, violence or penalties to make people work?",
         "Người sử dụng lao động có dùng đe dọa, bạo lực hoặc hình phạt để buộc người lao "
         "động làm việc không?"),
        ("Are workers prevented from resigning after giving the legal notice?",
         "Người lao động có bị ngăn cản nghỉ việc sau khi đã báo trước theo quy định không?"),
        ("Does the employer demand deposits or guarantees as a condition of employment?",
         "Người sử dụng lao động có yêu cầu đặt cọc hoặc bảo đảm để được nhận vào làm "
         "không?"),
    ),
    "FL-BON": (
        ("Are workers indebted to the employer or a recruiter in a way that stops them "
         "leaving?",
         "Người lao động có bị nợ người sử dụng lao động hoặc bên tuyển dụng khiến họ không "
         "thể nghỉ việc không?"),
        ("Do workers pay recruitment fees that tie them to the employer?",
         "Người lao động có phải trả phí tuyển dụng ràng buộc họ với người sử dụng lao động "
         "không?"),
        ("Are wages withheld to repay advances beyond what the law allows?",
         "Tiền lương có bị giữ lại để trừ tiền tạm ứng vượt mức pháp luật cho phép không?"),
        ("Are workers made to work off debts owed by family members?",
         "Người lao động có bị buộc làm việc để trả nợ cho người thân không?"),
    ),
    "FL-OVT": (
        ("Are workers forced to work overtime under threat of a penalty?",
         "Người lao động có bị ép làm thêm giờ dưới đe dọa bị phạt không?"),
        ("Are workers kept from leaving the workplace at the end of their shift?",
         "Người lao động có bị giữ lại không cho rời nơi làm việc khi hết ca không?"),
        ("Are production targets set so high that workers must work unpaid hours to meet "
         "them?",
         "Định mức sản xuất có cao đến mức người lao động phải làm thêm không lương để hoàn "
         "thành không?"),
    ),
    "FL-PRI": (
        ("Does the factory use prison labour?",
         "Nhà máy có sử dụng lao động là phạm nhân không?"),
        ("Does the factory give work to prisons or compulsory rehabilitation centres?",
         "Nhà máy có giao gia công cho trại giam hoặc cơ sở cai nghiện bắt buộc không?"),
    ),
    "FA-FRE": (
        ("Are workers free to form and join a union within the law?",
         "Người lao động có được tự do thành lập và gia nhập công đoàn theo pháp luật "
         "không?"),
        ("Does the employer require workers to join, or not to join, a union?",
         "Người sử dụng lao động có buộc người lao động gia nhập hoặc không gia nhập công "
         "đoàn không?"),
        ("Are union representatives elected by workers without management taking part?",
         "Đại diện công đoàn có được người lao động bầu mà không có sự tham gia của ban quản "
         "lý không?"),
        ("Do managers or their relatives hold union leadership posts?",
         "Người quản lý hoặc người thân của họ có giữ chức vụ lãnh đạo công đoàn không?"),
        ("Does the employer let union representatives reach workers?",
         "Người sử dụng lao động có tạo điều kiện cho đại diện công đoàn tiếp cận người lao "
         "động không?"),
    ),
    "FA-UOP": (
        ("Are union dues deducted only with each worker's written authorisation?",
         "Đoàn phí có chỉ được khấu trừ khi có văn bản đồng ý của người lao động không?"),
        ("Does the employer pay the union fee of 2% of the payroll?",
         "Người sử dụng lao động có đóng kinh phí công đoàn bằng 2% quỹ tiền lương không?"),
        ("Do union officers get paid time for union work as the law provides?",
         "Cán bộ công đoàn có được bố trí thời gian hoạt động có hưởng lương theo quy định "
         "không?"),
        ("Does the employer provide the facilities the union needs?",
         "Người sử dụng lao động có bố trí điều kiện, phương tiện cần thiết cho công đoàn "
         "không?"),
        ("Can the union meet without managers present?",
         "Công đoàn có được họp mà không có sự hiện diện của ban quản lý không?"),
        ("Does the union manage its own funds free of employer control?",
         "Công đoàn có tự quản lý tài chính mà không chịu sự kiểm soát của người sử dụng lao "
         "động không?"),
    ),
    "FA-INT": (
        ("Does management interfere in the union's internal affairs or elections?",
         "Ban quản lý có can thiệp vào công việc nội bộ hoặc bầu cử của công đoàn không?"),
        ("Does the employer finance or steer the union so as to dominate it?",
         "Người sử dụng lao động có tài trợ hoặc chi phối để khống chế công đoàn không?"),
        ("Are workers dismissed, transferred or disadvantaged for union membership or "
         "activity?",
         "Người lao động có bị sa thải, điều chuyển hoặc chịu thiệt thòi vì là đoàn viên "
         "hoặc hoạt động công đoàn không?"),
        ("Are union representatives threatened or pressured by management?",
         "Đại diện công đoàn có bị ban quản lý đe dọa hoặc gây áp lực không?"),
        ("Does management attend union meetings uninvited or watch union members?",
         "Ban quản lý có dự họp công đoàn khi không được mời hoặc theo dõi đoàn viên không?"),
        ("Is the union chair a senior manager or someone with authority to hire and fire?",
         "Chủ tịch công đoàn có phải là quản lý cấp cao hoặc người có quyền tuyển dụng, sa "
         "thải không?"),
        ("Has the employer kept a blacklist of union members?",
         "Người sử dụng lao động có lập danh sách đen đoàn viên công đoàn không?"),
    ),
    "FA-CBA": (
        ("Does the employer bargain in good faith with the union?",
         "Người sử dụng lao động có thương lượng thiện chí với công đoàn không?"),
        ("Was the collective agreement approved by a majority of workers?",
         "Thỏa ước lao động tập thể có được đa số người lao động biểu quyết tán thành không?"),
        ("Does the employer apply every provision of the collective agreement?",
         "Người sử dụng lao động có thực hiện đầy đủ các điều khoản của thỏa ước không?"),
        ("Has the agreement been made known to workers and sent to the labour authority?",
         "Thỏa ước có được công bố cho người lao động và gửi cơ quan quản lý lao động không?"),
        ("Does the agreement contain terms less favourable than the law?",
         "Thỏa ước có điều khoản bất lợi cho người lao động hơn quy định của pháp luật "
         "không?"),
    ),
    "FA-STR": (
        ("Are workers penalised for taking part in a lawful strike?",
         "Người lao động có bị xử lý vì tham gia đình công hợp pháp không?"),
        ("Does the employer replace workers during a lawful strike?",
         "Người sử dụng lao động có thay thế người lao động trong thời gian đình công hợp "
         "pháp không?"),
        ("Does the employer lock workers out in breach of the law?",
         "Người sử dụng lao động có đóng cửa tạm thời nơi làm việc trái pháp luật không?"),
        ("Are workers who joined a work stoppage dismissed or demoted?",
         "Người lao động tham gia ngừng việc tập thể có bị sa thải hoặc giáng chức không?"),
    ),
    "CO-MIN": (
        ("Are workers paid at least the regional minimum wage for ordinary hours?",
         "Người lao động có được trả ít nhất mức lương tối thiểu vùng cho giờ làm việc bình "
         "thường không?"),
        ("Do piece-rate workers earn at least the minimum wage in ordinary hours?",
         "Người lao động hưởng lương sản phẩm có đạt ít nhất mức lương tối thiểu vùng trong "
         "giờ làm việc bình thường không?"),
        ("Are workers on probation paid at least 85% of the wage for the job?",
         "Người lao động thử việc có được trả ít nhất 85% mức lương của công việc đó không?"),
        ("Are piece rates set so that most workers can reach them in ordinary hours?",
         "Đơn giá sản phẩm có được xây dựng để đa số người lao động đạt được trong giờ làm "
         "việc bình thường không?"),
        ("Has the employer adopted a wage scale and pay table in line with the law?",
         "Người sử dụng lao động có xây dựng thang lương, bảng lương theo quy định không?"),
        ("Are wages raised when the regional minimum wage rises?",
         "Tiền lương có được điều chỉnh khi mức lương tối thiểu vùng tăng không?"),
    ),
    "CO-OTW": (
        ("Is overtime on normal working days paid at least 150%?",
         "Làm thêm giờ vào ngày thường có được trả ít nhất 150% không?"),
        ("Is overtime on weekly rest days paid at least 200%?",
         "Làm thêm giờ vào ngày nghỉ hằng tuần có được trả ít nhất 200% không?"),
        ("Is overtime on public holidays and paid leave days paid at least 300%?",
         "Làm thêm giờ vào ngày nghỉ lễ, tết, ngày nghỉ có hưởng lương có được trả ít nhất "
         "300% không?"),
        ("Is overtime of piece-rate workers paid at the premium rates?",
         "Làm thêm giờ của người lao động hưởng lương sản phẩm có được trả theo đơn giá làm "
         "thêm không?"),
        ("Are all overtime hours recorded and paid?",
         "Tất cả giờ làm thêm có được ghi nhận và trả lương không?"),
        ("Is overtime at night paid with the additional night premium?",
         "Làm thêm giờ vào ban đêm có được trả thêm phụ cấp làm đêm theo quy định không?"),
    ),
    "CO-PRE": (
        ("Is night work paid at least 30% extra?",
         "Làm việc vào ban đêm có được trả thêm ít nhất 30% không?"),
        ("Are allowances agreed in the contract or collective agreement paid correctly?",
         "Các khoản phụ cấp thỏa thuận trong hợp đồng hoặc thỏa ước có được trả đúng không?"),
        ("Are public holidays paid?",
         "Người lao động có được trả lương cho ngày nghỉ lễ, tết không?"),
        ("Is the Tet bonus paid as the company rules or agreement promise?",
         "Tiền thưởng Tết có được chi trả theo quy chế hoặc thỏa thuận không?"),
        ("Are workers paid when work stops for reasons attributable to the employer?",
         "Người lao động có được trả lương khi phải ngừng việc do lỗi của người sử dụng lao "
         "động không?"),
    ),
    "CO-MOP": (
        ("Are wages paid in full and on time?",
         "Tiền lương có được trả đầy đủ và đúng hạn không?"),
        ("Are wages paid to workers directly, in cash or into their own bank accounts?",
         "Tiền lương có được trả trực tiếp cho người lao động bằng tiền mặt hoặc vào tài "
         "khoản của chính họ không?"),
        ("Are workers compensated when wages are paid 15 days or more late?",
         "Người lao động có được đền bù khi chậm trả lương từ 15 ngày trở lên không?"),
        ("Are final wages paid within the legal time limit when employment ends?",
         "Khi chấm dứt hợp đồng, các khoản tiền lương còn lại có được thanh toán trong thời "
         "hạn luật định không?"),
        ("Are wages paid in the currency and form agreed in the contract?",
         "Tiền lương có được trả bằng đồng tiền và hình thức đã thỏa thuận trong hợp đồng "
         "không?"),
    ),
    "CO-WID": (
        ("Do workers receive a payslip showing how their wage was calculated?",
         "Người lao động có nhận phiếu lương thể hiện cách tính lương không?"),
        ("Are payroll records accurate and consistent with time records?",
         "Bảng lương có chính xác và khớp với sổ chấm công không?"),
        ("Does the employer keep a single, accurate set of payroll records?",
         "Người sử dụng lao động có lưu giữ một bộ hồ sơ tiền lương duy nhất và chính xác "
         "không?"),
        ("Are deductions from wages limited to those the law permits?",
         "Các khoản khấu trừ lương có đúng quy định pháp luật không?"),
        ("Do deductions for damage stay within 30% of the monthly wage?",
         "Khấu trừ để bồi thường thiệt hại có không vượt quá 30% tiền lương tháng không?"),
        ("Are fines deducted from wages as a disciplinary measure?",
         "Người sử dụng lao động có phạt tiền, cắt lương thay cho xử lý kỷ luật không?"),
        ("Are workers told their wage rates and how piece rates are set?",
         "Người lao động có được thông báo mức lương và cách xây dựng đơn giá sản phẩm "
         "không?"),
        ("Are workers' representatives consulted before the pay table is adopted?",
         "Tổ chức đại diện người lao động có được tham khảo ý kiến trước khi ban hành thang "
         "lương, bảng lương không?"),
        ("Are the wage rules made public at the workplace?",
         "Quy chế trả lương có được công khai tại nơi làm việc không?"),
    ),
    "CO-PLV": (
        ("Do workers receive at least 12 days of paid annual leave?",
         "Người lao động có được nghỉ hằng năm ít nhất 12 ngày hưởng nguyên lương không?"),
        ("Does annual leave increase by one day for every five years of service?",
         "Số ngày nghỉ hằng năm có được tăng thêm 1 ngày cho mỗi 5 năm làm việc không?"),
        ("Are workers paid for untaken annual leave when they leave?",
         "Người lao động có được thanh toán tiền lương những ngày chưa nghỉ hằng năm khi "
         "nghỉ việc không?"),
        ("Do workers get paid leave for their wedding and for family bereavement?",
         "Người lao động có được nghỉ việc riêng hưởng nguyên lương khi kết hôn hoặc có "
         "người thân mất không?"),
        ("Do workers get every paid public holiday?",
         "Người lao động có được nghỉ đủ các ngày lễ, tết hưởng nguyên lương không?"),
        ("Can workers take annual leave at times agreed with them?",
         "Người lao động có được nghỉ hằng năm vào thời điểm đã thỏa thuận không?"),
    ),
    "CO-SOC": (
        ("Are all eligible workers enrolled in compulsory social insurance?",
         "Tất cả người lao động thuộc diện bắt buộc có được tham gia bảo hiểm xã hội không?"),
        ("Are social insurance contributions calculated on the correct wage?",
         "Tiền đóng bảo hiểm xã hội có được tính trên mức tiền lương đúng quy định không?"),
        ("Are contributions paid to the social insurance fund on time?",
         "Tiền đóng bảo hiểm xã hội có được nộp đúng hạn không?"),
        ("Are workers enrolled in health insurance?",
         "Người lao động có được tham gia bảo hiểm y tế không?"),
        ("Are workers enrolled in unemployment insurance?",
         "Người lao động có được tham gia bảo hiểm thất nghiệp không?"),
        ("Do workers receive maternity leave and benefits as required?",
         "Người lao động có được hưởng chế độ thai sản theo quy định không?"),
        ("Are sickness benefits paid for sick leave?",
         "Người lao động có được hưởng chế độ ốm đau khi nghỉ ốm không?"),
        ("Are social insurance books returned to workers when employment ends?",
         "Sổ bảo hiểm xã hội có được trả cho người lao động khi chấm dứt hợp đồng không?"),
    ),
    "CH-CON": (
        ("Does every worker have a written employment contract?",
         "Mỗi người lao động có hợp đồng lao động bằng văn bản không?"),
        ("Does the contract contain every term the law requires?",
         "Hợp đồng có đủ các nội dung chủ yếu theo quy định không?"),
        ("Do workers receive a copy of their contract?",
         "Người lao động có được giữ một bản hợp đồng không?"),
        ("Are fixed-term contracts limited to two in a row, as the law provides?",
         "Hợp đồng xác định thời hạn có không được ký quá hai lần liên tiếp theo quy định "
         "không?"),
        ("Does probation last no longer than the law allows?",
         "Thời gian thử việc có không vượt quá thời hạn luật định không?"),
        ("Is probation required only once for the same job?",
         "Người lao động có chỉ phải thử việc một lần đối với một công việc không?"),
        ("Are contracts written in a language the worker understands?",
         "Hợp đồng có được lập bằng ngôn ngữ người lao động hiểu được không?"),
        ("Are actual working conditions those stated in the contract?",
         "Điều kiện làm việc thực tế có đúng với hợp đồng không?"),
        ("Are short-term contracts used for permanent work?",
         "Hợp đồng ngắn hạn có bị sử dụng cho công việc có tính chất thường xuyên không?"),
    ),
    "CH-PRO": (
        ("Are candidates told truthfully about the job, pay and conditions before hiring?",
         "Người sử dụng lao động có cung cấp thông tin trung thực về công việc, tiền lương và "
         "điều kiện làm việc trước khi tuyển dụng không?"),
        ("Does the employer keep a register of workers and report it to the authority?",
         "Người sử dụng lao động có lập sổ quản lý lao động và báo cáo cơ quan quản lý lao "
         "động không?"),
        ("Are workers supplied by agencies used only within the limits of the law?",
         "Việc sử dụng lao động thuê lại có đúng giới hạn luật định không?"),
        ("Are subcontracted and home-based workers covered by written agreements?",
         "Lao động gia công và làm việc tại nhà có được ký thỏa thuận bằng văn bản không?"),
        ("Are the internal labour rules registered and posted at the workplace?",
         "Nội quy lao động có được đăng ký và niêm yết tại nơi làm việc không?"),
    ),
    "CH-TER": (
        ("Are dismissals based only on grounds the law permits?",
         "Việc sa thải có chỉ dựa trên các căn cứ pháp luật cho phép không?"),
        ("Is the required notice given before a contract is terminated?",
         "Người sử dụng lao động có báo trước theo quy định khi chấm dứt hợp đồng không?"),
        ("Are severance and job-loss allowances paid as required?",
         "Trợ cấp thôi việc, trợ cấp mất việc làm có được chi trả theo quy định không?"),
        ("Were collective redundancies made after consulting the union and notifying the "
         "authority?",
         "Việc cho thôi việc nhiều người có được thực hiện sau khi trao đổi với công đoàn "
         "và thông báo cơ quan quản lý không?"),
        ("Are workers on maternity or sick leave dismissed in breach of the law?",
         "Người lao động đang nghỉ thai sản hoặc nghỉ ốm có bị cho thôi việc trái luật "
         "không?"),
        ("Are workers pressed to resign instead of being dismissed lawfully?",
         "Người lao động có bị ép tự nghỉ việc thay vì được cho thôi việc hợp pháp không?"),
    ),
    "CH-DDD": (
        ("Does the employer hold workplace dialogue with workers' representatives at least "
         "once a year?",
         "Người sử dụng lao động có tổ chức đối thoại tại nơi làm việc ít nhất 1 lần/năm "
         "không?"),
        ("Has the employer adopted rules on democracy at the workplace?",
         "Người sử dụng lao động có ban hành quy chế dân chủ ở cơ sở không?"),
        ("Is discipline handled in a meeting with the worker and their representative?",
         "Việc xử lý kỷ luật có được thực hiện tại cuộc họp có người lao động và tổ chức đại "
         "diện tham dự không?"),
        ("Are disciplinary measures limited to those in the law and the internal rules?",
         "Các hình thức kỷ luật có chỉ gồm những hình thức trong pháp luật và nội quy không?"),
        ("Is there a working grievance procedure that workers know about?",
         "Có cơ chế giải quyết khiếu nại hoạt động hiệu quả và được người lao động biết đến "
         "không?"),
        ("Are labour disputes handled through the legal procedures?",
         "Tranh chấp lao động có được giải quyết theo trình tự pháp luật không?"),
        ("Are workers' complaints answered without retaliation?",
         "Khiếu nại của người lao động có được giải quyết mà không bị trù dập không?"),
        ("Are verbal abuse or humiliation used as discipline?",
         "Có sử dụng lời lẽ xúc phạm hoặc hành vi làm nhục để kỷ luật người lao động không?"),
    ),
    "OS-MGT": (
        ("Does the factory have a functioning OSH council or unit?",
         "Nhà máy có hội đồng hoặc bộ phận an toàn, vệ sinh lao động hoạt động hiệu quả "
         "không?"),
        ("Has the employer assessed workplace risks and made an annual OSH plan?",
         "Người sử dụng lao động có đánh giá rủi ro và lập kế hoạch an toàn, vệ sinh lao động "
         "hằng năm không?"),
        ("Do workers receive the OSH training the law requires?",
         "Người lao động có được huấn luyện an toàn, vệ sinh lao động theo quy định không?"),
        ("Are work accidents and occupational diseases recorded and reported?",
         "Tai nạn lao động và bệnh nghề nghiệp có được thống kê, báo cáo không?"),
        ("Is there a network of OSH volunteers in each workshop?",
         "Có mạng lưới an toàn, vệ sinh viên ở từng tổ sản xuất không?"),
        ("Are machines with strict safety requirements inspected and registered?",
         "Máy, thiết bị có yêu cầu nghiêm ngặt về an toàn lao động có được kiểm định và đăng "
         "ký không?"),
        ("Is the working environment monitored periodically?",
         "Môi trường lao động có được quan trắc định kỳ không?"),
        ("Are OSH rules and procedures posted where workers can see them?",
         "Nội quy, quy trình an toàn có được niêm yết ở nơi người lao động dễ thấy không?"),
        ("Is OSH work done by staff with the required qualifications?",
         "Người làm công tác an toàn, vệ sinh lao động có chuyên môn theo quy định không?"),
    ),
    "OS-CHE": (
        ("Does the employer keep an inventory of the chemicals in use?",
         "Người sử dụng lao động có lập danh mục hóa chất đang sử dụng không?"),
        ("Are safety data sheets in Vietnamese available where chemicals are used?",
         "Phiếu an toàn hóa chất bằng tiếng Việt có sẵn tại nơi sử dụng không?"),
        ("Are chemical containers labelled?",
         "Các vật chứa hóa chất có được dán nhãn không?"),
        ("Are chemicals stored safely, apart from incompatible substances and flames?",
         "Hóa chất có được lưu trữ an toàn, tách biệt với chất không tương thích và nguồn "
         "lửa không?"),
        ("Are workers who handle chemicals trained to use them safely?",
         "Người lao động tiếp xúc hóa chất có được huấn luyện sử dụng an toàn không?"),
        ("Is there enough ventilation where chemicals are used?",
         "Nơi sử dụng hóa chất có được thông gió đầy đủ không?"),
        ("Are eyewash stations and emergency showers provided where needed?",
         "Có bố trí bồn rửa mắt và vòi tắm khẩn cấp ở nơi cần thiết không?"),
        ("Are chemical spills contained and cleaned up safely?",
         "Sự cố tràn đổ hóa chất có được khoanh vùng và xử lý an toàn không?"),
        ("Is hazardous waste disposed of properly?",
         "Chất thải nguy hại có được xử lý đúng quy định không?"),
        ("Do workers exposed to chemicals have suitable protective equipment?",
         "Người lao động tiếp xúc hóa chất có được trang bị phương tiện bảo vệ phù hợp "
         "không?"),
        ("Are chemical exposure levels measured and kept within legal limits?",
         "Nồng độ hóa chất có được đo và duy trì trong giới hạn cho phép không?"),
    ),
    "OS-PRO": (
        ("Are moving parts of machines guarded?",
         "Bộ phận chuyển động của máy có được che chắn không?"),
        ("Do sewing machines have needle guards and belt covers?",
         "Máy may có cữ chắn kim và nắp che dây curoa không?"),
        ("Is electrical equipment safe, earthed and maintained?",
         "Thiết bị điện có an toàn, được nối đất và bảo dưỡng không?"),
        ("Do workers receive suitable personal protective equipment free of charge?",
         "Người lao động có được cấp miễn phí phương tiện bảo vệ cá nhân phù hợp không?"),
        ("Are workers trained to use machines and protective equipment safely?",
         "Người lao động có được hướng dẫn sử dụng máy và phương tiện bảo vệ an toàn không?"),
        ("Are boilers, compressors and lifts run by qualified operators?",
         "Nồi hơi, máy nén khí và thang máy có do người có chuyên môn vận hành không?"),
        ("Are machines locked out during maintenance?",
         "Máy có được khóa nguồn khi bảo trì, sửa chữa không?"),
        ("Do cutting workers have metal mesh gloves?",
         "Công nhân cắt có được trang bị găng tay lưới thép không?"),
        ("Are workers protected from excessive noise?",
         "Người lao động có được bảo vệ khỏi tiếng ồn quá mức không?"),
        ("Are heavy loads handled within safe limits?",
         "Việc mang vác vật nặng có trong giới hạn an toàn không?"),
    ),
    "OS-ENV": (
        ("Is the workplace temperature within legal limits?",
         "Nhiệt độ nơi làm việc có trong giới hạn cho phép không?"),
        ("Is the workplace adequately ventilated?",
         "Nơi làm việc có được thông gió đầy đủ không?"),
        ("Is lighting adequate for the work?",
         "Ánh sáng có đủ cho công việc không?"),
        ("Is dust within legal limits?",
         "Nồng độ bụi có trong giới hạn cho phép không?"),
        ("Is noise within legal limits?",
         "Tiếng ồn có trong giới hạn cho phép không?"),
        ("Is the workplace clean and tidy?",
         "Nơi làm việc có sạch sẽ, gọn gàng không?"),
        ("Are walkways and aisles kept clear?",
         "Lối đi có được giữ thông thoáng không?"),
        ("Is vibration within legal limits?",
         "Độ rung có trong giới hạn cho phép không?"),
        ("Are workers near irons, boilers or ovens protected from heat?",
         "Người lao động làm việc gần bàn là, nồi hơi hoặc lò sấy có được chống nóng "
         "không?"),
    ),
    "OS-HEA": (
        ("Does the factory have the medical staff required for its size?",
         "Nhà máy có bố trí người làm công tác y tế theo quy mô lao động không?"),
        ("Is there a stocked first-aid kit in every workshop?",
         "Mỗi phân xưởng có tủ thuốc sơ cứu đầy đủ không?"),
        ("Are there trained first-aiders on every shift?",
         "Mỗi ca làm việc có người được huấn luyện sơ cứu không?"),
        ("Do workers have an annual health check?",
         "Người lao động có được khám sức khỏe định kỳ hằng năm không?"),
        ("Do workers in heavy or hazardous jobs have health checks every six months?",
         "Người làm nghề nặng nhọc, độc hại có được khám sức khỏe 6 tháng một lần không?"),
        ("Are workers screened for occupational diseases where required?",
         "Người lao động có được khám phát hiện bệnh nghề nghiệp khi cần thiết không?"),
        ("Is a health record kept for every worker?",
         "Hồ sơ sức khỏe có được lập cho từng người lao động không?"),
        ("Is the medical room equipped as required?",
         "Phòng y tế có được trang bị theo quy định không?"),
    ),
    "OS-WEL": (
        ("Are there enough toilets for the workforce, separate for women and men?",
         "Có đủ nhà vệ sinh cho số lao động, tách riêng nam và nữ không?"),
        ("Are toilets clean and supplied with water and soap?",
         "Nhà vệ sinh có sạch sẽ, có nước và xà phòng không?"),
        ("Is safe drinking water available free of charge?",
         "Có nước uống an toàn, miễn phí cho người lao động không?"),
        ("Is there a clean eating area away from the workplace?",
         "Có khu vực ăn uống sạch sẽ, tách biệt nơi sản xuất không?"),
        ("Does the canteen meet food-safety requirements?",
         "Nhà ăn có bảo đảm an toàn thực phẩm không?"),
        ("Are changing rooms or lockers provided where needed?",
         "Có phòng thay đồ hoặc tủ cá nhân khi cần thiết không?"),
        ("Is there a lactation room for workers with young children?",
         "Có phòng vắt, trữ sữa cho lao động nữ nuôi con nhỏ không?"),
    ),
    "OS-ACC": (
        ("Is dormitory accommodation safe and protected against fire?",
         "Khu nhà ở có an toàn và bảo đảm phòng cháy chữa cháy không?"),
        ("Do dormitories have enough space and ventilation?",
         "Khu nhà ở có đủ diện tích và thông gió không?"),
        ("Are dormitories separated by sex and secured?",
         "Khu nhà ở có tách riêng nam, nữ và được bảo vệ an ninh không?"),
        ("Are sanitary facilities in dormitories adequate?",
         "Công trình vệ sinh ở khu nhà ở có đầy đủ không?"),
        ("Are workers free to come and go from dormitories?",
         "Người lao động có được tự do ra vào khu nhà ở không?"),
        ("Are accommodation charges reasonable and agreed with workers?",
         "Chi phí nhà ở có hợp lý và được thỏa thuận với người lao động không?"),
    ),
    "OS-EME": (
        ("Are there enough emergency exits, unlocked during working hours?",
         "Có đủ lối thoát hiểm và không bị khóa trong giờ làm việc không?"),
        ("Are exits and escape routes marked and kept clear?",
         "Lối thoát hiểm có được đánh dấu và giữ thông thoáng không?"),
        ("Is emergency lighting installed and working?",
         "Đèn chiếu sáng sự cố có được lắp đặt và hoạt động không?"),
        ("Can the fire alarm be heard throughout the factory?",
         "Chuông báo cháy có nghe được ở mọi khu vực của nhà máy không?"),
        ("Are there enough fire extinguishers, checked regularly?",
         "Có đủ bình chữa cháy và được kiểm tra định kỳ không?"),
        ("Are evacuation drills held at least once a year?",
         "Có tổ chức diễn tập sơ tán ít nhất 1 lần/năm không?"),
        ("Is there a trained fire-fighting team?",
         "Có đội phòng cháy chữa cháy cơ sở được huấn luyện không?"),
        ("Is there an approved fire-safety plan?",
         "Có phương án chữa cháy được phê duyệt không?"),
        ("Are evacuation maps posted in every workshop?",
         "Sơ đồ thoát hiểm có được niêm yết ở từng phân xưởng không?"),
        ("Is flammable material stored away from sources of ignition?",
         "Vật liệu dễ cháy có được lưu giữ xa nguồn lửa không?"),
        ("Has the fire-fighting system passed the authorities' inspection?",
         "Hệ thống phòng cháy chữa cháy có được cơ quan chức năng nghiệm thu không?"),
    ),
    "WT-REG": (
        ("Are regular hours no more than 8 a day and 48 a week?",
         "Thời giờ làm việc bình thường có không quá 8 giờ/ngày và 48 giờ/tuần không?"),
        ("Are working hours recorded accurately for every worker?",
         "Thời giờ làm việc có được ghi nhận chính xác cho từng người lao động không?"),
        ("Do workers get a break of at least 30 minutes per shift (45 at night)?",
         "Người lao động có được nghỉ giữa ca ít nhất 30 phút (45 phút nếu làm ban đêm) "
         "không?"),
        ("Do workers get at least 12 hours' rest between shifts?",
         "Người lao động có được nghỉ ít nhất 12 giờ giữa hai ca không?"),
        ("Do workers get at least one day off every week?",
         "Người lao động có được nghỉ ít nhất 1 ngày mỗi tuần không?"),
        ("Are hours shortened where the law requires, e.g. for hazardous work?",
         "Thời giờ làm việc có được rút ngắn theo quy định, ví dụ với công việc độc hại, "
         "không?"),
        ("Are working hours and shift schedules made known to workers?",
         "Thời giờ làm việc và lịch ca có được thông báo cho người lao động không?"),
    ),
    "WT-OVT": (
        ("Do total hours including overtime stay within 12 a day?",
         "Tổng thời giờ làm việc kể cả làm thêm có không quá 12 giờ/ngày không?"),
        ("Does overtime stay within 40 hours a month?",
         "Số giờ làm thêm có không quá 40 giờ/tháng không?"),
        ("Does overtime stay within the annual limit of 300 hours?",
         "Số giờ làm thêm có không quá 300 giờ/năm không?"),
        ("Was the labour authority notified before overtime beyond 200 hours a year?",
         "Có thông báo cơ quan quản lý lao động trước khi tổ chức làm thêm trên 200 giờ/năm "
         "không?"),
        ("Is overtime voluntary, with each worker's consent?",
         "Làm thêm giờ có được sự đồng ý của từng người lao động không?"),
        ("Do workers get compensatory rest after long periods of overtime?",
         "Người lao động có được nghỉ bù sau thời gian dài làm thêm giờ không?"),
        ("Are pregnant workers and mothers of infants kept off overtime unless they agree?",
         "Lao động nữ mang thai hoặc nuôi con nhỏ có không phải làm thêm giờ trừ khi đồng ý "
         "không?"),
        ("Does overtime on weekly rest days stay within the limits?",
         "Làm thêm giờ vào ngày nghỉ hằng tuần có trong giới hạn cho phép không?"),
        ("Are all overtime hours recorded?",
         "Tất cả giờ làm thêm có được ghi nhận đầy đủ không?"),
    ),
    "WT-LEA": (
        ("Do pregnant workers get leave for antenatal check-ups?",
         "Lao động nữ mang thai có được nghỉ để khám thai không?"),
        ("Do women get six months of maternity leave?",
         "Lao động nữ có được nghỉ thai sản 6 tháng không?"),
        ("Do men get paternity leave when their wife gives birth?",
         "Lao động nam có được nghỉ khi vợ sinh con không?"),
        ("Do mothers of children under 12 months get a paid 60-minute break each day?",
         "Lao động nữ nuôi con dưới 12 tháng tuổi có được nghỉ 60 phút mỗi ngày hưởng "
         "nguyên lương không?"),
        ("Do women get 30 minutes a day during menstruation?",
         "Lao động nữ có được nghỉ 30 phút mỗi ngày trong thời gian hành kinh không?"),
        ("Is unpaid leave granted for family reasons as the law provides?",
         "Người lao động có được nghỉ không hưởng lương vì lý do gia đình theo quy định "
         "không?"),
    ),
}  # fmt: skip

# Fact-gathering questions, with how often the answer is "yes".
FACT_GATHERING: Mapping[str, tuple[Text, float]] = {
    "CL-YNG": (("Does the factory employ workers aged 15 to 18?",
                "Nhà máy có sử dụng lao động từ đủ 15 đến dưới 18 tuổi không?"), 0.10),
    "DI-GEN": (("Are most of the factory's workers women?",
                "Đa số người lao động của nhà máy có phải là nữ không?"), 0.90),
    "FL-BON": (("Does the factory recruit through brokers or employment agencies?",
                "Nhà máy có tuyển dụng qua môi giới hoặc đơn vị dịch vụ việc làm không?"), 0.20),
    "FA-FRE": (("Does the union have a full-time, paid chairperson?",
                "Công đoàn cơ sở có chủ tịch chuyên trách không?"), 0.20),
    "CO-MIN": (("Does the factory pay by piece rate?",
                "Nhà máy có trả lương theo sản phẩm không?"), 0.60),
    "CO-SOC": (("Does the factory buy voluntary insurance beyond the legal minimum?",
                "Nhà máy có mua bảo hiểm tự nguyện bổ sung cho người lao động không?"), 0.30),
    "CH-PRO": (("Does the factory use workers leased from an agency?",
                "Nhà máy có sử dụng lao động thuê lại không?"), 0.15),
    "OS-HEA": (("Did a work accident cause an injury in the past 12 months?",
                "Trong 12 tháng qua có tai nạn lao động gây thương tích không?"), 0.35),
    "OS-ACC": (("Does the factory provide accommodation for workers?",
                "Nhà máy có bố trí chỗ ở cho người lao động không?"), 0.12),
    "WT-REG": (("Does the factory run night shifts?",
                "Nhà máy có tổ chức ca đêm không?"), 0.25),
}  # fmt: skip

RETIRED_POINT = "CL-UWF"
RETIRED_POINT_SUCCESSOR = "CL-HAZ"
RETIRED_POINT_NAMES: Text = (
    "Unconditional Worst Forms",
    "Các hình thức lao động trẻ em tồi tệ nhất vô điều kiện",
)
RETIRED_ON = date(2016, 1, 1)
RETIRED_QUESTIONS: tuple[Text, ...] = (
    ("Are any children trafficked, in debt bondage or in forced labour at the factory?",
     "Có trẻ em bị mua bán, gán nợ hoặc cưỡng bức lao động tại nhà máy không?"),
    ("Are any children used for illicit activities connected with the factory?",
     "Có trẻ em bị sử dụng vào các hoạt động bất hợp pháp liên quan đến nhà máy không?"),
)  # fmt: skip
RETIRED_NOTE = (
    "Synthetic demonstration example: 'Unconditional Worst Forms' merged into "
    "'Hazardous Work and other Worst Forms' from 2016."
)
GENERIC_QUESTIONS_PER_POINT = 4


def question_code(cp_code: str, number: int) -> str:
    return f"{cp_code}-{number:02d}"


@dataclass(frozen=True)
class QuestionSet:
    """The questions an assessment answers, as the generator needs them.

    `counted` maps each active compliance point to its counted question codes;
    `before_merger` lists every question of an assessment dated before `RETIRED_ON`
    (the retired point's questions included), `after_merger` those of later ones.
    Code lists are sorted so that findings are written in primary-key order.
    """

    counted: Mapping[str, tuple[str, ...]]
    fact_gathering: tuple[tuple[str, float], ...]
    retired: tuple[str, ...]
    before_merger: tuple[str, ...]
    after_merger: tuple[str, ...]

    @property
    def points(self) -> tuple[str, ...]:
        """The active compliance points, in the order decisions are indexed by."""
        return tuple(self.counted)

    def codes_for(self, assessed_on: date) -> tuple[str, ...]:
        return self.before_merger if assessed_on < RETIRED_ON else self.after_merger

    def pool(self, cp_code: str, assessed_on: date) -> tuple[str, ...]:
        """The counted questions a finding on the point can fall on at that date: before
        the merger, the successor point's findings may sit on the retired point's
        questions, which the code mapping folds back into the successor."""
        codes = self.counted[cp_code]
        if cp_code == RETIRED_POINT_SUCCESSOR and assessed_on < RETIRED_ON:
            return codes + self.retired
        return codes


def _bank(points: list[tuple[str, str]]) -> list[dict[str, object]]:
    """Question rows for the active points (code, English name) found in the database."""
    rows: list[dict[str, object]] = []
    for cp_code, name_en in points:
        texts = COUNTED.get(cp_code) or tuple(
            (
                f"Does the factory meet the requirements on {name_en.lower()} (item {n})?",
                f"Nhà máy có đáp ứng yêu cầu về {name_en.lower()} (mục {n}) không?",
            )
            for n in range(1, GENERIC_QUESTIONS_PER_POINT + 1)
        )
        for number, (text_en, text_vi) in enumerate(texts, start=1):
            rows.append(_row(question_code(cp_code, number), cp_code, text_en, text_vi))
        if cp_code in FACT_GATHERING:
            (text_en, text_vi), _rate = FACT_GATHERING[cp_code]
            code = question_code(cp_code, len(texts) + 1)
            rows.append(_row(code, cp_code, text_en, text_vi, fact_gathering=True))
    return rows


def _row(
    code: str,
    cp_code: str,
    text_en: str,
    text_vi: str,
    fact_gathering: bool = False,
    active: bool = True,
) -> dict[str, object]:
    return {
        "code": code,
        "cp_code": cp_code,
        "text_en": text_en,
        "text_vi": text_vi,
        "fact_gathering": fact_gathering,
        "active": active,
    }


def ensure_questions(connection: Connection) -> QuestionSet:
    """Adds the demonstration questions (and the retired point with its mapping) that the
    database lacks, leaving existing rows alone, and returns the set to generate with.
    Works from the compliance points actually in the database, so a taxonomy import that
    added or relabelled points is respected."""
    points = [
        (code, name_en)
        for code, name_en in connection.execute(
            select(CompliancePoint.code, CompliancePoint.name_en)
            .where(CompliancePoint.active.is_(True))
            .order_by(CompliancePoint.sort_order, CompliancePoint.code)
        )
        if code != RETIRED_POINT
    ]
    wanted = _bank(points)
    if RETIRED_POINT_SUCCESSOR in {code for code, _ in points}:
        _ensure_retired_point(connection)
        wanted += [
            _row(question_code(RETIRED_POINT, n), RETIRED_POINT, en, vi, active=False)
            for n, (en, vi) in enumerate(RETIRED_QUESTIONS, start=1)
        ]
    existing = set(connection.scalars(select(Question.code)))
    missing = [row for row in wanted if row["code"] not in existing]
    if missing:
        connection.execute(insert(Question), missing)
    return _question_set(wanted)


def _ensure_retired_point(connection: Connection) -> None:
    known = select(CompliancePoint.code).where(CompliancePoint.code == RETIRED_POINT)
    if connection.scalar(known) is None:
        _add_retired_point(connection)
    mapped = connection.scalar(
        select(CodeMapping.id).where(
            CodeMapping.level == "compliance_point", CodeMapping.old_code == RETIRED_POINT
        )
    )
    if mapped is None:
        connection.execute(
            insert(CodeMapping),
            {
                "level": "compliance_point",
                "old_code": RETIRED_POINT,
                "new_code": RETIRED_POINT_SUCCESSOR,
                "effective_on": RETIRED_ON,
                "note": RETIRED_NOTE,
            },
        )


def _add_retired_point(connection: Connection) -> None:
    successor = connection.execute(
        select(CompliancePoint.cluster_code, CompliancePoint.sort_order).where(
            CompliancePoint.code == RETIRED_POINT_SUCCESSOR
        )
    ).one()
    connection.execute(
        insert(CompliancePoint),
        {
            "code": RETIRED_POINT,
            "cluster_code": successor.cluster_code,
            "name_en": RETIRED_POINT_NAMES[0],
            "name_vi": RETIRED_POINT_NAMES[1],
            "confirmed": True,
            "active": False,
            "sort_order": successor.sort_order,
        },
    )


def _question_set(rows: list[dict[str, object]]) -> QuestionSet:
    counted: dict[str, list[str]] = {}
    fact_gathering: list[tuple[str, float]] = []
    retired: list[str] = []
    for row in rows:
        code, cp_code = str(row["code"]), str(row["cp_code"])
        if not row["active"]:
            retired.append(code)
        elif row["fact_gathering"]:
            fact_gathering.append((code, FACT_GATHERING[cp_code][1]))
        else:
            counted.setdefault(cp_code, []).append(code)
    active = sorted(str(row["code"]) for row in rows if row["active"])
    return QuestionSet(
        counted={cp: tuple(codes) for cp, codes in counted.items()},
        fact_gathering=tuple(fact_gathering),
        retired=tuple(retired),
        before_merger=tuple(sorted(active + retired)),
        after_merger=tuple(active),
    )
